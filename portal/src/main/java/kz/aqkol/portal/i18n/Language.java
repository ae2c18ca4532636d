package kz.aqkol.portal.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The portal's three languages. Kazakh comes first: it is the state language and what a browser that asks for none
 * of the three gets.
 */
public enum Language {
    KK("kk", "Қазақша"),
    RU("ru", "Русский"),
    EN("en", "English");

    private final String code;
    private final String ownName;

    Language(String code, String ownName) {
        this.code = code;
        this.ownName = ownName;
    }

    public String code() {
        return code;
    }

    /** The language's name in itself, as a switch between languages shows it. */
    public String ownName() {
        return ownName;
    }

    /** Numbers, money and dates are formatted for the language as used in Kazakhstan. */
    public Locale locale() {
        return new Locale.Builder().setLanguage(code).setRegion("KZ").build();
    }

    public static Optional<Language> ofCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equalsIgnoreCase(code)).findFirst();
    }

    /**
     * The language an {@code Accept-Language} header prefers among ours (RFC 9110 §12.5.4: by weight, then by
     * order; a region such as {@code ru-RU} counts for its language); Kazakh when it names none of them.
     */
    public static Language preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return KK;
        }
        Language best = null;
        double bestWeight = 0;
        for (String range : acceptLanguage.split(",")) {
            String[] parts = range.trim().split(";");
            String tag = parts[0].trim();
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            int dash = tag.indexOf('-');
            Optional<Language> language = ofCode(dash < 0 ? tag : tag.substring(0, dash));
            if (language.isPresent() && weight > bestWeight) {
                best = language.get();
                bestWeight = weight;
            }
        }
        return best == null ? KK : best;
    }
}
