package kz.aqkol.camera.transparency;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import kz.aqkol.platform.problem.ProblemException;

/**
 * The periods the report is published for: whole calendar months (UTC) that have ended. They never overlap and a
 * closed month's counts no longer grow, so neither subtracting two reports nor asking twice reveals a count the
 * report suppresses.
 */
record ReportPeriod(YearMonth month) {

    /** The month named {@code value} ({@code 2026-11}), or the last one that has ended when none is named. */
    static ReportPeriod parse(String value, Instant now) {
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        if (value == null || value.isBlank()) {
            return new ReportPeriod(current.minusMonths(1));
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("period", "must be a calendar month such as 2026-11");
        }
        if (!month.isBefore(current)) {
            throw ProblemException.invalid("period", "must be a month that has ended: the report is published for"
                    + " closed months only, the last being " + current.minusMonths(1));
        }
        return new ReportPeriod(month);
    }

    Instant from() {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant to() {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    String name() {
        return month.toString();
    }
}
