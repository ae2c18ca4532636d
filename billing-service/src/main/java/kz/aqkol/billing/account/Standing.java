package kz.aqkol.billing.account;

import kz.aqkol.contracts.AccountStatus;

/** What the money paths read of an account under its row lock: how it stands and where its notices go. */
public record Standing(String number, AccountStatus status, String dunningStage, SocialCategory socialCategory,
                       String webhookUrl, boolean autoPay) {
}
