package kz.aqkol.billing.run;

/**
 * One account of a batch after fetching: either decided already ({@code item}: invoiced before, no meters, or
 * consumption unavailable) or {@code metered}; exactly one of the two is set.
 */
record Fetched(Item item, Metered metered) {

    static Fetched done(Item item) {
        return new Fetched(item, null);
    }

    static Fetched metered(Metered metered) {
        return new Fetched(null, metered);
    }

    String account() {
        return item != null ? item.account() : metered.account();
    }
}
