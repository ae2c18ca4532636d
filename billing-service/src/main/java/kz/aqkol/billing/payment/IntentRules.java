package kz.aqkol.billing.payment;

import kz.aqkol.billing.payment.provider.ProviderEvent;

/**
 * What a provider's authenticated callback does to a payment intent. Only a confirmation of a pending, unexpired
 * intent for exactly its amount moves money in; only a refund of a confirmed one moves it back. The same event again
 * changes nothing (a provider retries its callbacks), and anything else is refused with the intent unchanged.
 */
public final class IntentRules {

    public enum Status { PENDING, CONFIRMED, DECLINED, EXPIRED, REFUNDED, FAILED }

    public enum Decision {
        /** Record the payment: ledger, invoices, wallet, dunning. */
        CONFIRM,
        /** The payer declined or the provider refused: a state, no money. */
        DECLINE,
        /** Reverse the payment in the ledger. */
        REFUND,
        /** This event was applied before: answer as then, change nothing. */
        ALREADY_DONE,
        /** The amount or currency is not the intent's: refused (422). */
        WRONG_AMOUNT,
        /** The intent expired before the confirmation came: refused (409); the provider must return the money. */
        EXPIRED,
        /** The event does not follow from the intent's state (e.g. a confirmation after a decline): 409. */
        WRONG_STATE
    }

    private IntentRules() {
    }

    /**
     * @param sameAmount the event's amount and currency are the intent's
     * @param pastExpiry the intent's expiry has passed (the expiry job may not have marked it yet)
     */
    public static Decision decide(Status status, ProviderEvent.Kind event, boolean sameAmount, boolean pastExpiry) {
        return switch (event) {
            case CONFIRMED -> switch (status) {
                case PENDING -> !sameAmount ? Decision.WRONG_AMOUNT : pastExpiry ? Decision.EXPIRED : Decision.CONFIRM;
                case CONFIRMED, REFUNDED -> sameAmount ? Decision.ALREADY_DONE : Decision.WRONG_AMOUNT;
                case EXPIRED -> Decision.EXPIRED;
                case DECLINED, FAILED -> Decision.WRONG_STATE;
            };
            case DECLINED -> switch (status) {
                case PENDING -> Decision.DECLINE;
                case DECLINED, EXPIRED -> Decision.ALREADY_DONE;
                case CONFIRMED, REFUNDED, FAILED -> Decision.WRONG_STATE;
            };
            case REFUNDED -> switch (status) {
                case CONFIRMED -> sameAmount ? Decision.REFUND : Decision.WRONG_AMOUNT;
                case REFUNDED -> sameAmount ? Decision.ALREADY_DONE : Decision.WRONG_AMOUNT;
                case PENDING, DECLINED, EXPIRED, FAILED -> Decision.WRONG_STATE;
            };
        };
    }
}
