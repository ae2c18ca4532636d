package kz.aqkol.billing.account;

import java.time.Instant;
import java.util.List;
import kz.aqkol.contracts.AccountStatus;

/**
 * A household's account: who pays, where, for which meters, and how it stands. {@code webhookKey} signs the notices
 * sent to {@code webhookUrl}; the resident reads a new one at POST /me/account/webhook-key.
 */
public record Account(String number, String holder, String address, String zone, SocialCategory socialCategory,
                      List<String> meters, String webhookUrl, String webhookKey, boolean autoPay,
                      AccountStatus status, String dunningStage, Instant createdAt) {
}
