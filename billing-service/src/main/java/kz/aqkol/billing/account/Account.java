package kz.aqkol.billing.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import kz.aqkol.contracts.AccountStatus;

/** A household's account: who pays, where, for which meters, and how it stands. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public String number;
    public String holder;
    public String address;
    public String zone;
    @Enumerated(EnumType.STRING)
    @Column(name = "social_category")
    public SocialCategory socialCategory;
    @Column(name = "webhook_url")
    public String webhookUrl;
    /** Signs the notices sent to {@link #webhookUrl}; the resident reads a new one at POST /me/account/webhook-key. */
    @Column(name = "webhook_key")
    public String webhookKey;
    @Column(name = "auto_pay")
    public boolean autoPay;
    @Enumerated(EnumType.STRING)
    public AccountStatus status;
    @Column(name = "dunning_stage")
    public String dunningStage;
    @Column(name = "created_at")
    public Instant createdAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_meter", joinColumns = @JoinColumn(name = "account_number"))
    @Column(name = "meter_id")
    public Set<String> meters = new LinkedHashSet<>();
}
