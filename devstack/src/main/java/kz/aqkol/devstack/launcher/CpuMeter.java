package kz.aqkol.devstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import kz.aqkol.devstack.Broker;
import kz.aqkol.devstack.Postgres;

/**
 * How much CPU each part of a benchmark used, so that a rate measured on this machine becomes a rate per core (the
 * figure docs/capacity.md scales from). Reads Linux's {@code /proc/<pid>/stat}: user and system time of a process
 * and of its children, live ones counted directly and ended ones through their parent's totals, so PostgreSQL's
 * backends are counted with their postmaster. Elsewhere than Linux it measures nothing and says so.
 */
final class CpuMeter {

    /** Linux's clock ticks per second for {@code /proc} times ({@code getconf CLK_TCK}; 100 on every Linux here). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, LongSupplier> parts = new LinkedHashMap<>();
    private Map<String, Long> start = Map.of();
    private long startNanos;

    /** Counts the process {@code pid} alone (not what it started) as {@code part}. */
    CpuMeter add(String part, long pid) {
        parts.put(part, () -> ticks(pid, 2));
        return this;
    }

    /**
     * Counts the PostgreSQL server one of whose backends is {@code backendPid} ({@code select pg_backend_pid()}):
     * its postmaster, the backend's parent, and all the postmaster's processes. Nothing if it runs elsewhere.
     */
    CpuMeter addPostgres(String part, long backendPid) {
        ProcessHandle.of(backendPid).flatMap(ProcessHandle::parent)
                .ifPresent(postmaster -> parts.put(part, () -> treeTicks(postmaster.pid())));
        return this;
    }

    /**
     * A benchmark's processes: its service, the broker (this JVM's figure includes the publishers when the broker is
     * embedded), PostgreSQL (when it runs on this machine) and the publishers in this JVM.
     */
    static CpuMeter ofBenchmark(Broker broker, Postgres postgres, String database, String service,
                                ServiceProcess process) throws SQLException {
        long self = ProcessHandle.current().pid();
        CpuMeter cpu = new CpuMeter().add(service, process.pid());
        broker.pid().ifPresent(pid -> cpu.add(pid == self ? "broker + benchmark clients" : "broker", pid));
        if (broker.pid().orElse(-1) != self) {
            cpu.add("benchmark clients", self);
        }
        try (Connection db = postgres.connect(database);
             ResultSet backend = db.createStatement().executeQuery("select pg_backend_pid()")) {
            backend.next();
            cpu.addPostgres("PostgreSQL", backend.getLong(1));
        }
        return cpu;
    }

    /** One line per process: the cores it used and the benchmark's rate per core of it. */
    static void print(PrintStream out, Map<String, Double> cores, double rate, String what) {
        cores.forEach((part, used) -> out.printf("CPU %-22s %6.2f cores -> %,9.0f %s/s per core%n",
                part, used, used > 0 ? rate / used : 0, what));
    }

    void begin() {
        start = snapshot();
        startNanos = System.nanoTime();
    }

    /** CPU used per part since {@link #begin()}, in cores on average over the elapsed time. */
    Map<String, Double> coresSinceBegin() {
        Map<String, Long> end = snapshot();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        end.forEach((part, ticks) -> cores.put(part,
                (ticks - start.getOrDefault(part, 0L)) / TICKS_PER_SECOND / elapsed));
        return cores;
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        parts.forEach((part, reading) -> ticks.put(part, reading.getAsLong()));
        return ticks;
    }

    private static long treeTicks(long pid) {
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return 0;
        }
        return Stream.concat(Stream.of(root.get()), root.get().descendants())
                .mapToLong(process -> ticks(process.pid(), 4))
                .sum();
    }

    /**
     * The first {@code count} of utime, stime, cutime, cstime (fields 14 to 17 of /proc/<pid>/stat): 2 for the
     * process's own time, 4 to add its children that have ended.
     */
    private static long ticks(long pid, int count) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, so index 11
            long sum = 0;
            for (int i = 11; i < 11 + count; i++) {
                sum += Long.parseLong(fields[i]);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return 0; // ended between listing and reading, or not Linux
        }
    }
}
