package kz.aqkol.devstack.simulator;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import kz.aqkol.contracts.MeterUnit;

/**
 * Who lives in the simulated village and what they have: zones, cameras, households with their meters, and which of
 * them misbehave (a leak, a tampered meter, registers rolling over, late and duplicated batches, a meter replaced
 * mid-month) or how they pay. Drawn from the settings' seed alone, so the same seed always gives the same village.
 */
public record Village(VillageSettings settings, List<Zone> zones, List<Camera> cameras, List<Household> households) {

    /**
     * What can go wrong with a meter, each shown by one meter (ROLLOVER by two) of a village of 8 households or
     * more; smaller villages have fewer of them.
     */
    public enum Anomaly {
        /** Water keeps flowing day and night for the last days (a running cistern): metering's LEAK. */
        LEAK,
        /** The register is wound back once, hours before the end: metering's TAMPER. */
        TAMPER,
        /** Few register digits and an index near the top: the register wraps to zero during the month. */
        ROLLOVER,
        /** Readings held back for three days, then sent in one burst. */
        LATE_BATCH,
        /** Every morning the last readings again with the same ids, and weekly one again under new ids. */
        DUPLICATES,
        /** Swapped for a new meter on the 15th of the first month at 11:30 (final register, new meter from 0). */
        REPLACED
    }

    /** How a household pays its bill in the demo. */
    public enum Payer {
        /** Tops its wallet up before the bill run and turns auto-pay on: the invoice is settled as it is issued. */
        AUTO_PAY,
        /** Pays the invoice in full. */
        PAYS_IN_FULL,
        /** Pays part of it now. */
        PAYS_PART,
        /** Does not pay (yet). */
        UNPAID
    }

    public enum Utility {
        GAS("G", MeterUnit.M3, 3), WATER("W", MeterUnit.M3, 3), ELECTRICITY("E", MeterUnit.KWH, 2),
        HEAT("H", MeterUnit.GCAL, 4);

        private final String prefix;
        private final MeterUnit unit;
        private final int scale;

        Utility(String prefix, MeterUnit unit, int scale) {
            this.prefix = prefix;
            this.unit = unit;
            this.scale = scale;
        }

        public String prefix() {
            return prefix;
        }

        public MeterUnit unit() {
            return unit;
        }

        /** The decimals the meter shows. */
        public int scale() {
            return scale;
        }
    }

    /** A camera-service zone; restricted hours only for RESTRICTED zones. */
    public record Zone(String id, String name, String privacyClass, LocalTime restrictedFrom,
                       LocalTime restrictedUntil) {
    }

    public record Camera(String id, String name, String zone, String kind, double latitude, double longitude,
                         boolean goesSilent, boolean seesFire) {
    }

    /** A meter as registered with metering-service. */
    public record Meter(String id, Utility utility, int registerDigits, BigDecimal initialRegister, boolean hasValve,
                        Set<Anomaly> anomalies) {

        public boolean has(Anomaly anomaly) {
            return anomalies.contains(anomaly);
        }

        /** The id of the meter that replaces this one (only for {@link Anomaly#REPLACED}). */
        public String successorId() {
            return id + "-B";
        }
    }

    /** A household: one billing account, its meters, and how much it uses (1 = an average household). */
    public record Household(String account, String holder, String address, String zone, String socialCategory,
                            double size, Payer payer, List<Meter> meters) {
    }

    private static final String[] SURNAMES = {"Abenov", "Bekova", "Dzhaksybekov", "Ermekova", "Ismailov",
            "Kasymova", "Mukanov", "Nurlanova", "Omarov", "Sadykova", "Tokayev", "Zhumabayeva"};
    private static final String[] GIVEN = {"A.", "B.", "D.", "G.", "K.", "M.", "N.", "S.", "T.", "Zh."};
    private static final String[] STREETS = {"Abai", "Baitursynov", "Mira", "Shkolnaya", "Tauelsizdik"};

    /** The village the settings' seed describes. */
    public static Village generate(VillageSettings settings) {
        Random random = new Random(settings.seed());
        List<Zone> zones = List.of(
                new Zone("school-gate", "School gate", "RESTRICTED", LocalTime.of(22, 0), LocalTime.of(6, 0)),
                new Zone("central-square", "Central square", "PUBLIC", null, null),
                new Zone("north-street", "North street", "RESIDENTIAL", null, null),
                new Zone("south-street", "South street", "RESIDENTIAL", null, null));

        List<Camera> cameras = new ArrayList<>();
        for (int i = 1; i <= settings.cameras(); i++) {
            Zone zone = zones.get((i - 1) % zones.size());
            String kind = i == 1 ? "ANPR" : random.nextInt(3) == 0 ? "PTZ" : "FIXED";
            cameras.add(new Camera("CAM-%03d".formatted(i), zone.name() + " camera " + i, zone.id(), kind,
                    51.65 + random.nextDouble() * 0.02, 73.10 + random.nextDouble() * 0.03,
                    i == settings.cameras() && i > 1, i == 2 || settings.cameras() == 1));
        }

        // the misbehaving meters, each on its own household: drawn once from the seed
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < settings.households(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        int leak = pick(order, 0);
        int tamper = pick(order, 1);
        int rollover = pick(order, 2);
        int rolloverWater = pick(order, 3);
        int late = pick(order, 4);
        int duplicates = pick(order, 5);
        int replaced = pick(order, 6);
        int unpaid = pick(order, 7);

        List<Household> households = new ArrayList<>();
        for (int i = 0; i < settings.households(); i++) {
            String account = "AQ-%04d".formatted(i + 1);
            String number = "%04d".formatted(i + 1);
            String zone = i % 2 == 0 ? "north-street" : "south-street";
            double size = 0.6 + random.nextDouble() * 1.0;
            // the unpaid household is not one dunning spares (docs/billing.md), so the demo can show it blocked
            String category = random.nextInt(6) == 0 && i != unpaid ? "PENSIONER" : "NONE";
            Payer payer = i == unpaid ? Payer.UNPAID
                    : i % 4 == 0 ? Payer.AUTO_PAY : i % 7 == 3 ? Payer.PAYS_PART : Payer.PAYS_IN_FULL;
            List<Meter> meters = new ArrayList<>();
            for (Utility utility : Utility.values()) {
                Set<Anomaly> anomalies = EnumSet.noneOf(Anomaly.class);
                int digits = 6;
                double initial = switch (utility) {
                    case GAS -> 1_000 + random.nextInt(20_000);
                    case WATER -> 100 + random.nextInt(2_000);
                    case ELECTRICITY -> 5_000 + random.nextInt(60_000);
                    case HEAT -> 10 + random.nextInt(200);
                };
                if (utility == Utility.WATER && i == leak) {
                    anomalies.add(Anomaly.LEAK);
                }
                if (utility == Utility.ELECTRICITY && i == tamper) {
                    anomalies.add(Anomaly.TAMPER);
                }
                if (utility == Utility.GAS && i == rollover) {
                    anomalies.add(Anomaly.ROLLOVER);
                    digits = 5;
                    initial = 99_993;
                }
                if (utility == Utility.WATER && i == rolloverWater && i != leak) {
                    anomalies.add(Anomaly.ROLLOVER);
                    digits = 4;
                    initial = 9_998;
                }
                if (utility == Utility.ELECTRICITY && i == late) {
                    anomalies.add(Anomaly.LATE_BATCH);
                }
                if (utility == Utility.HEAT && i == duplicates) {
                    anomalies.add(Anomaly.DUPLICATES);
                }
                if (utility == Utility.WATER && i == replaced && i != leak && i != rolloverWater) {
                    anomalies.add(Anomaly.REPLACED);
                }
                initial += random.nextInt(1000) / 1000.0;
                meters.add(new Meter(utility.prefix() + "-" + number, utility, digits,
                        BigDecimal.valueOf(initial).setScale(utility.scale(), java.math.RoundingMode.HALF_UP),
                        utility == Utility.GAS || utility == Utility.WATER, Set.copyOf(anomalies)));
            }
            households.add(new Household(account, GIVEN[random.nextInt(GIVEN.length)] + " "
                    + SURNAMES[random.nextInt(SURNAMES.length)], STREETS[i % STREETS.length] + " street "
                    + (i / STREETS.length + 1) + ", Aqkol", zone, category, size, payer, List.copyOf(meters)));
        }
        return new Village(settings, zones, List.copyOf(cameras), List.copyOf(households));
    }

    /** Every meter of the village. */
    public List<Meter> meters() {
        return households.stream().flatMap(h -> h.meters().stream()).toList();
    }

    /** The meters with this anomaly. */
    public List<Meter> metersWith(Anomaly anomaly) {
        return meters().stream().filter(m -> m.has(anomaly)).toList();
    }

    private static int pick(List<Integer> order, int index) {
        return index < order.size() ? order.get(index) : -1;
    }
}
