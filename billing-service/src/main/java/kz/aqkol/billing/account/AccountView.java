package kz.aqkol.billing.account;

import java.time.Instant;
import java.util.List;
import kz.aqkol.contracts.AccountStatus;

public record AccountView(String number, String holder, String address, String zone, SocialCategory socialCategory,
                          List<String> meters, String webhookUrl, boolean autoPay, AccountStatus status,
                          String dunningStage, Instant createdAt) {

    public static AccountView of(Account a) {
        return new AccountView(a.number(), a.holder(), a.address(), a.zone(), a.socialCategory(), a.meters(),
                a.webhookUrl(), a.autoPay(), a.status(), a.dunningStage(), a.createdAt());
    }
}
