package kz.aqkol.platform.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The hash chain's rules, free of any framework: how an entry is hashed, how the next one is linked, and how a
 * sequence of entries is verified. Each hash is SHA-256 over the entry's fields (length-prefixed, so no two
 * different entries share an input) and the previous entry's hash.
 */
public final class AuditChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** Makes the entry that follows the chain's head ({@code headSeq}, {@code headHash}). */
    public static AuditEntry link(long headSeq, String headHash, Instant at, AuditEvent event) {
        // PostgreSQL keeps microseconds: hash what will be stored, so verification recomputes the same value
        Instant stored = at.truncatedTo(ChronoUnit.MICROS);
        AuditEntry unsigned = new AuditEntry(headSeq + 1, stored, event.actor(), event.role(), event.action(),
                event.objectType(), event.objectId(), event.subjectAccount(), event.purpose(), event.detail(),
                headHash, null);
        return withHash(unsigned, hash(unsigned));
    }

    static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.role(), e.action(), e.objectType(), e.objectId(),
                e.subjectAccount(), e.purpose(), e.detail(), e.prevHash(), hash);
    }

    /** The hash an entry must carry, computed from its fields and its previous hash. */
    public static String hash(AuditEntry entry) {
        StringBuilder input = new StringBuilder(256);
        append(input, Long.toString(entry.seq()));
        append(input, DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt().truncatedTo(ChronoUnit.MICROS)));
        append(input, entry.actor());
        append(input, entry.role());
        append(input, entry.action());
        append(input, entry.objectType());
        append(input, entry.objectId());
        append(input, entry.subjectAccount());
        append(input, entry.purpose());
        append(input, entry.detail());
        append(input, entry.prevHash());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void append(StringBuilder input, String value) {
        if (value == null) {
            input.append("-;");
        } else {
            input.append(value.length()).append(':').append(value).append(';');
        }
    }

    /**
     * Walks a chain in sequence order, one entry at a time (so a chain of millions can be streamed from the
     * database), and remembers the first broken link. Given checkpoints held outside the database ({@link #against}),
     * it also names a chain that no longer reaches an entry a checkpoint names (its tail was cut) or whose entry
     * differs from the checkpoint's hash (it was recomputed): a rewrite that keeps every link valid.
     */
    public static final class Verifier {

        private final NavigableMap<Long, List<Checkpoint>> checkpoints = new TreeMap<>();
        private long expectedSeq = 1;
        private String expectedPrevHash = GENESIS;
        private long checked;
        private Verification broken;

        /** Also checks the chain against a checkpoint; one of an empty chain (entry 0) says nothing to check. */
        public Verifier against(Checkpoint checkpoint) {
            if (checkpoint.seq() > 0) {
                checkpoints.computeIfAbsent(checkpoint.seq(), seq -> new ArrayList<>()).add(checkpoint);
            }
            return this;
        }

        /** Checks the next entry; returns false once the chain is broken (later entries are not looked at). */
        public boolean accept(AuditEntry entry) {
            if (broken != null) {
                return false;
            }
            checked++;
            if (entry.seq() != expectedSeq) {
                String reason = entry.seq() > expectedSeq
                        ? "entry " + expectedSeq + " is missing (the next entry found is " + entry.seq() + ")"
                        : "entry " + entry.seq() + " is out of order (expected " + expectedSeq + ")";
                return fail(expectedSeq, reason);
            }
            if (!expectedPrevHash.equals(entry.prevHash())) {
                return fail(entry.seq(), "entry " + entry.seq() + " does not link to the entry before it");
            }
            if (!hash(entry).equals(entry.hash())) {
                return fail(entry.seq(), "entry " + entry.seq() + " was altered after it was written");
            }
            for (Checkpoint checkpoint : checkpoints.getOrDefault(entry.seq(), List.of())) {
                if (!checkpoint.hash().equals(entry.hash())) {
                    return fail(entry.seq(), "entry " + entry.seq() + "'s hash differs from " + checkpoint.by()
                            + ": the chain was recomputed at or before entry " + entry.seq());
                }
            }
            expectedSeq = entry.seq() + 1;
            expectedPrevHash = entry.hash();
            return true;
        }

        /**
         * The verdict, given the head the chain should end at: entries removed from the end are detected because
         * the head still names the last one written.
         */
        public Verification finish(long headSeq, String headHash) {
            if (broken != null) {
                return broken;
            }
            long lastSeq = expectedSeq - 1;
            if (lastSeq != headSeq || !expectedPrevHash.equals(headHash)) {
                return new Verification(false, checked, lastSeq + 1,
                        "the chain ends at entry " + lastSeq + " but its head names entry " + headSeq, headSeq,
                        headHash);
            }
            if (!checkpoints.isEmpty() && checkpoints.lastKey() > lastSeq) {
                Checkpoint furthest = checkpoints.lastEntry().getValue().get(0);
                return new Verification(false, checked, lastSeq + 1, "the chain ends at entry " + lastSeq + " but "
                        + furthest.by() + " names entry " + furthest.seq(), headSeq, headHash);
            }
            return new Verification(true, checked, null, null, headSeq, headHash);
        }

        private boolean fail(long seq, String reason) {
            broken = new Verification(false, checked, seq, reason, null, null);
            return false;
        }
    }

    /**
     * What someone outside the database holds about the chain: entry {@code seq} had {@code hash}. {@code by} says
     * whose statement it is, for the verdict's reason, e.g. "the checkpoint signed at 2026-11-25T10:01:00Z".
     */
    public record Checkpoint(long seq, String hash, String by) {
    }

    /**
     * The verdict on a chain. {@code headSeq} and {@code headHash} let an auditor note where the chain stood, so a
     * later rewrite of the whole chain is caught by comparing with that note.
     */
    public record Verification(boolean intact, long checked, Long firstBrokenSeq, String reason, Long headSeq,
                               String headHash) {
    }
}
