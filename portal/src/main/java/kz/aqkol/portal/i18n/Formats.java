package kz.aqkol.portal.i18n;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * Numbers, money and dates as a reader of one language expects them, in the village's time zone. Money is held in
 * tiyn (1/100 tenge) everywhere in the platform and shown in tenge with the ₸ sign: after the amount in Kazakh and
 * Russian ({@code 12 345,67 ₸}), before it in English ({@code ₸12,345.67}).
 */
public final class Formats {

    private final Language language;
    private final ZoneId zone;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter month;

    public Formats(Language language, ZoneId zone) {
        this.language = language;
        this.zone = zone;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(language.locale());
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(language.locale()).withZone(zone);
        this.month = DateTimeFormatter.ofPattern("LLLL yyyy", language.locale());
    }

    public String money(long tiyn) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(language.locale()));
        String amount = format.format(BigDecimal.valueOf(Math.abs(tiyn), 2));
        String sign = tiyn < 0 ? "−" : "";
        return language == Language.EN ? sign + "₸" + amount : sign + amount + "\u00a0₸";
    }

    public String number(Number value) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(language.locale());
        format.setMaximumFractionDigits(3);
        return format.format(value);
    }

    public String date(LocalDate value) {
        return value == null ? "" : date.format(value);
    }

    public String date(Instant value) {
        return value == null ? "" : date.format(value.atZone(zone).toLocalDate());
    }

    public String dateTime(Instant value) {
        return value == null ? "" : dateTime.format(value);
    }

    /** A billing period {@code YYYY-MM} as the month's name and year. */
    public String period(String yearMonth) {
        if (yearMonth == null || !yearMonth.matches("\\d{4}-\\d{2}")) {
            return yearMonth == null ? "" : yearMonth;
        }
        return month.format(LocalDate.parse(yearMonth + "-01"));
    }

    public ZoneId zone() {
        return zone;
    }
}
