package kz.aqkol.portal.web;

import java.math.BigDecimal;

/** An amount of tenge as a person types it ("1500", "1 500,50", "1500.5") in tiyn; null if it is not one. */
public final class Tenge {

    private static final long MAX_TIYN = 100_000_000_000L;

    private Tenge() {
    }

    public static Long parse(String typed) {
        if (typed == null) {
            return null;
        }
        String plain = typed.replaceAll("[\\s\u00a0\u202f₸]", "").replace(',', '.');
        if (!plain.matches("\\d{1,12}(\\.\\d{1,2})?")) {
            return null;
        }
        long tiyn = new BigDecimal(plain).movePointRight(2).longValueExact();
        return tiyn < 1 || tiyn > MAX_TIYN ? null : tiyn;
    }
}
