package kz.aqkol.billing.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where a resident's money went, from the ledger itself: every transaction touching their account, with how it
 * changed what they owe and what their wallet holds. The sums of the changes are their balances.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MyLedgerResource {

    private final Pool pool;
    private final Caller caller;

    MyLedgerResource(Pool pool, Caller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    /**
     * One ledger transaction as the resident sees it: kind (INVOICE, PAYMENT, TOP_UP, CREDIT_NOTE, ...), what it
     * refers to, and for a credit note or supplementary invoice why it was issued ({@code note}: a correction, or the
     * reason staff gave for an adjustment).
     */
    public record Movement(UUID transaction, Instant at, String kind, String reference, long owedChangeTiyn,
                           long walletChangeTiyn, String note) {
    }

    @GET
    @Path("me/ledger")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "My ledger: each transaction's change to what I owe and to my wallet, newest first")
    public Uni<Page<Movement>> mine(@QueryParam("after") UUID after,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                    int limit) {
        String account = caller.account();
        String sql = """
                select t.id, t.kind, t.reference, t.created_at,
                       (select i.note from invoice i where i.id = case when t.kind in ('CREDIT_NOTE', 'SUPPLEMENTARY')
                                                                 then t.reference::uuid end) as note,
                       coalesce(sum(e.amount_tiyn) filter (where e.ledger_account = 'RECEIVABLE'), 0) as owed,
                       coalesce(-sum(e.amount_tiyn) filter (where e.ledger_account = 'WALLET'), 0) as wallet
                from ledger_txn t join ledger_entry e on e.txn_id = t.id
                where t.account_number = $1 and e.party = $1 and e.ledger_account in ('RECEIVABLE', 'WALLET')
                """ + (after == null ? "" : " and (t.created_at, t.id) < (select created_at, id from ledger_txn"
                + " where id = $3 and account_number = $1)") + """
                 group by t.id order by t.created_at desc, t.id desc limit $2""";
        return pool.preparedQuery(sql)
                .execute(after == null ? Tuple.of(account, limit + 1) : Tuple.of(account, limit + 1, after))
                .map(rows -> {
                    List<Movement> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Movement(r.getUUID("id"), DbTimes.instant(r.getOffsetDateTime(
                            "created_at")), r.getString("kind"), r.getString("reference"), r.getLong("owed"),
                            r.getLong("wallet"), r.getString("note"))));
                    return Page.of(list, limit, m -> m.transaction().toString(), m -> m);
                });
    }
}
