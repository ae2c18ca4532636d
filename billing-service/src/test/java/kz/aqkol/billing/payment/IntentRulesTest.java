package kz.aqkol.billing.payment;

import static kz.aqkol.billing.payment.IntentRules.Decision.ALREADY_DONE;
import static kz.aqkol.billing.payment.IntentRules.Decision.CONFIRM;
import static kz.aqkol.billing.payment.IntentRules.Decision.DECLINE;
import static kz.aqkol.billing.payment.IntentRules.Decision.EXPIRED;
import static kz.aqkol.billing.payment.IntentRules.Decision.REFUND;
import static kz.aqkol.billing.payment.IntentRules.Decision.WRONG_AMOUNT;
import static kz.aqkol.billing.payment.IntentRules.Decision.WRONG_STATE;
import static kz.aqkol.billing.payment.IntentRules.decide;
import static org.assertj.core.api.Assertions.assertThat;

import kz.aqkol.billing.payment.IntentRules.Status;
import kz.aqkol.billing.payment.provider.ProviderEvent.Kind;
import org.junit.jupiter.api.Test;

class IntentRulesTest {

    @Test
    void onlyAPendingUnexpiredIntentConfirmedForItsOwnAmountMovesMoney() {
        assertThat(decide(Status.PENDING, Kind.CONFIRMED, true, false)).isEqualTo(CONFIRM);
        assertThat(decide(Status.PENDING, Kind.CONFIRMED, false, false)).isEqualTo(WRONG_AMOUNT);
        assertThat(decide(Status.PENDING, Kind.CONFIRMED, true, true)).isEqualTo(EXPIRED);
        assertThat(decide(Status.EXPIRED, Kind.CONFIRMED, true, true)).isEqualTo(EXPIRED);
        assertThat(decide(Status.DECLINED, Kind.CONFIRMED, true, false)).isEqualTo(WRONG_STATE);
        assertThat(decide(Status.FAILED, Kind.CONFIRMED, true, false)).isEqualTo(WRONG_STATE);
    }

    @Test
    void theSameEventAgainChangesNothingButAnotherAmountIsStillRefused() {
        assertThat(decide(Status.CONFIRMED, Kind.CONFIRMED, true, true)).isEqualTo(ALREADY_DONE);
        assertThat(decide(Status.CONFIRMED, Kind.CONFIRMED, false, false)).isEqualTo(WRONG_AMOUNT);
        assertThat(decide(Status.REFUNDED, Kind.CONFIRMED, true, false)).isEqualTo(ALREADY_DONE);
        assertThat(decide(Status.DECLINED, Kind.DECLINED, true, false)).isEqualTo(ALREADY_DONE);
        assertThat(decide(Status.REFUNDED, Kind.REFUNDED, true, false)).isEqualTo(ALREADY_DONE);
        assertThat(decide(Status.REFUNDED, Kind.REFUNDED, false, false)).isEqualTo(WRONG_AMOUNT);
    }

    @Test
    void declinesMoveNothingAndRefundsOnlyReverseAConfirmedPaymentInFull() {
        assertThat(decide(Status.PENDING, Kind.DECLINED, false, true)).isEqualTo(DECLINE);
        assertThat(decide(Status.EXPIRED, Kind.DECLINED, true, true)).isEqualTo(ALREADY_DONE);
        assertThat(decide(Status.CONFIRMED, Kind.DECLINED, true, false)).isEqualTo(WRONG_STATE);
        assertThat(decide(Status.CONFIRMED, Kind.REFUNDED, true, true)).isEqualTo(REFUND);
        assertThat(decide(Status.CONFIRMED, Kind.REFUNDED, false, false)).isEqualTo(WRONG_AMOUNT);
        assertThat(decide(Status.PENDING, Kind.REFUNDED, true, false)).isEqualTo(WRONG_STATE);
        assertThat(decide(Status.DECLINED, Kind.REFUNDED, true, false)).isEqualTo(WRONG_STATE);
    }
}
