package kz.aqkol.billing.payment.provider;

/** An authenticated callback: what happened to the checkout with this reference, for which amount. */
public record ProviderEvent(String reference, Kind kind, long amountTiyn, String currency) {

    public enum Kind { CONFIRMED, DECLINED, REFUNDED }
}
