package kz.aqkol.billing.tariff;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kz.aqkol.billing.account.SocialCategory;

/**
 * The arithmetic of a charge, with no I/O: which tariff versions cover a billing period, how the consumption and
 * the monthly quantities (block limits, standing charge) are split between them pro rata by days, and what each
 * block costs.
 *
 * <p><b>The rounding rule</b> (the only one in billing): quantities are kept exact to 6 decimals; every money
 * amount that appears on an invoice line (a block, a standing charge, a discount) is computed exactly and then
 * rounded once to whole tiyn, half up (0.5 tiyn → 1 tiyn); subtotals and totals are plain sums of rounded lines,
 * so an invoice always adds up.
 */
public final class TariffMath {

    public static final String ROUNDING_RULE = "Each line amount is computed exactly and rounded once to whole "
            + "tiyn, half up; quantities split pro rata by days are rounded to 6 decimals, the last part taking the "
            + "remainder; totals are sums of rounded lines.";
    static final int QUANTITY_SCALE = 6;

    private TariffMath() {
    }

    /** One block's share of a segment. */
    @RegisterForReflection
    public record BlockCharge(BigDecimal from, BigDecimal upTo, BigDecimal quantity, long priceTiyn, long amountTiyn,
                              String arithmetic) {
    }

    /** The part of a period one tariff version covers. */
    @RegisterForReflection
    public record Segment(long tariffId, int tariffVersion, LocalDate effectiveFrom, LocalDate from, LocalDate to,
                          int days, int periodDays, BigDecimal quantity, List<BlockCharge> blocks,
                          long standingChargeTiyn, String standingArithmetic, int discountPercent, long discountTiyn,
                          String discountArithmetic, long subtotalTiyn) {
    }

    /** A whole period's charge for one consumption. */
    @RegisterForReflection
    public record Charge(List<Segment> segments, long totalTiyn) {
    }

    /** The period [{@code from}, {@code to}) has no tariff for some of its days. */
    public static final class NoTariff extends RuntimeException {
        public NoTariff(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Charges {@code consumption} over [{@code from}, {@code to}) under {@code versions} (one utility's, any
     * order). Days are calendar days; the monthly quantities are scaled by days-in-segment / days-in-period.
     */
    public static Charge charge(List<Tariff> versions, LocalDate from, LocalDate to, BigDecimal consumption,
                                SocialCategory category) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty period " + from + ".." + to);
        }
        if (consumption.signum() < 0) {
            throw new IllegalArgumentException("negative consumption " + consumption);
        }
        List<Cover> covers = covers(versions, from, to);
        int periodDays = (int) ChronoUnit.DAYS.between(from, to);
        List<Segment> segments = new ArrayList<>(covers.size());
        BigDecimal allocated = BigDecimal.ZERO;
        long total = 0;
        for (int i = 0; i < covers.size(); i++) {
            Cover cover = covers.get(i);
            int days = (int) ChronoUnit.DAYS.between(cover.from, cover.to);
            BigDecimal share = BigDecimal.valueOf(days).divide(BigDecimal.valueOf(periodDays), 12,
                    RoundingMode.HALF_UP);
            BigDecimal quantity = i == covers.size() - 1 ? consumption.subtract(allocated)
                    : scaleQuantity(consumption.multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(periodDays), QUANTITY_SCALE, RoundingMode.HALF_UP));
            allocated = allocated.add(quantity);
            Segment segment = segment(cover, days, periodDays, share, scaleQuantity(quantity), category);
            segments.add(segment);
            total += segment.subtotalTiyn();
        }
        return new Charge(List.copyOf(segments), total);
    }

    private static Segment segment(Cover cover, int days, int periodDays, BigDecimal share, BigDecimal quantity,
                                   SocialCategory category) {
        Tariff tariff = cover.tariff;
        boolean whole = days == periodDays;
        List<BlockCharge> blocks = new ArrayList<>();
        BigDecimal lower = BigDecimal.ZERO;
        long energy = 0;
        for (Tariff.Block block : tariff.blocks()) {
            BigDecimal upper = block.upTo() == null ? null
                    : whole ? scaleQuantity(block.upTo()) : scaleQuantity(block.upTo().multiply(
                    BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(periodDays), QUANTITY_SCALE,
                    RoundingMode.HALF_UP));
            if (quantity.compareTo(lower) <= 0 && !blocks.isEmpty()) {
                break;
            }
            BigDecimal top = upper == null || quantity.compareTo(upper) < 0 ? quantity : upper;
            BigDecimal inBlock = top.subtract(lower).max(BigDecimal.ZERO);
            long amount = money(inBlock.multiply(BigDecimal.valueOf(block.priceTiyn())));
            blocks.add(new BlockCharge(lower, upper, scaleQuantity(inBlock), block.priceTiyn(), amount,
                    inBlock.stripTrailingZeros().toPlainString() + " " + tariff.unit() + " × "
                            + tiyn(block.priceTiyn()) + " = " + tiyn(amount)));
            energy += amount;
            if (upper == null) {
                break;
            }
            lower = upper;
        }
        long standing = whole ? tariff.standingChargeTiyn()
                : money(BigDecimal.valueOf(tariff.standingChargeTiyn()).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(periodDays), 12, RoundingMode.HALF_UP));
        String standingArithmetic = whole ? "monthly " + tiyn(standing)
                : tiyn(tariff.standingChargeTiyn()) + " × " + days + "/" + periodDays + " days = " + tiyn(standing);
        int percent = tariff.discountPercent(category);
        long discount = percent == 0 ? 0
                : money(BigDecimal.valueOf(energy + standing).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 12, RoundingMode.HALF_UP));
        String discountArithmetic = percent == 0 ? null
                : percent + "% of " + tiyn(energy + standing) + " (" + category + ") = −" + tiyn(discount);
        return new Segment(tariff.id(), tariff.version(), tariff.effectiveFrom(), cover.from, cover.to, days,
                periodDays, quantity, List.copyOf(blocks), standing, standingArithmetic, percent, discount,
                discountArithmetic, energy + standing - discount);
    }

    /** The one rounding of money: exact amount in tiyn → whole tiyn, half up. */
    public static long money(BigDecimal exactTiyn) {
        return exactTiyn.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static BigDecimal scaleQuantity(BigDecimal q) {
        return q.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    /** tiyn as "1 234.56 KZT" for the arithmetic shown to residents. */
    public static String tiyn(long amount) {
        return BigDecimal.valueOf(amount).movePointLeft(2).toPlainString() + " KZT";
    }

    private record Cover(Tariff tariff, LocalDate from, LocalDate to) {
    }

    /** The versions in force over [from, to), each with the days it covers, in order. */
    static List<Cover> covers(List<Tariff> versions, LocalDate from, LocalDate to) {
        List<Tariff> sorted = versions.stream()
                .sorted(Comparator.comparing(Tariff::effectiveFrom).thenComparingInt(Tariff::version)).toList();
        List<Cover> covers = new ArrayList<>();
        LocalDate day = from;
        while (day.isBefore(to)) {
            Tariff inForce = null;
            LocalDate next = to;
            for (Tariff t : sorted) {
                if (!t.effectiveFrom().isAfter(day)) {
                    inForce = t;
                } else if (t.effectiveFrom().isBefore(next)) {
                    next = t.effectiveFrom();
                    break;
                }
            }
            if (inForce == null) {
                throw new NoTariff("no tariff in force on " + day);
            }
            if (!covers.isEmpty() && covers.get(covers.size() - 1).tariff.id() == inForce.id()) {
                Cover last = covers.remove(covers.size() - 1);
                covers.add(new Cover(inForce, last.from, next));
            } else {
                covers.add(new Cover(inForce, day, next));
            }
            day = next;
        }
        return covers;
    }
}
