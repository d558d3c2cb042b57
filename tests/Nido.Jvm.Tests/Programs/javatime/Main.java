import java.time.*;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

// java.time with fixed inputs only (never the clock or the default zone): dates and leap years, periods and
// durations, ISO and pattern formatting/parsing with an explicit locale, instants and epoch conversions, and
// zone rules from the JDK's tzdb (DST transitions in Europe/Paris and America/New_York).
public class Main {
    public static void main(String[] args) {
        LocalDate d = LocalDate.of(2024, 2, 28);
        System.out.println(d + " +1 " + d.plusDays(1) + " +2 " + d.plusDays(2) + " leap " + d.isLeapYear() + " dayOfWeek " + d.getDayOfWeek() + " dayOfYear " + d.getDayOfYear());
        System.out.println("2023-01-31 + 1 month = " + LocalDate.of(2023, 1, 31).plusMonths(1) + ", 2100 leap " + Year.isLeap(2100) + ", 2000 leap " + Year.isLeap(2000));
        System.out.println("last day of month " + d.with(TemporalAdjusters.lastDayOfMonth()) + " next Monday " + d.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
            + " first in year " + d.with(TemporalAdjusters.firstDayOfYear()));
        LocalDate a = LocalDate.of(1969, 7, 20), b = LocalDate.of(2024, 3, 15);
        System.out.println("between: " + Period.between(a, b) + " days " + ChronoUnit.DAYS.between(a, b) + " weeks " + ChronoUnit.WEEKS.between(a, b) + " epochDay " + a.toEpochDay());
        LocalDateTime dt = LocalDateTime.of(2024, 12, 31, 23, 59, 30, 123_456_789);
        System.out.println(dt + " +45s " + dt.plusSeconds(45) + " truncated " + dt.truncatedTo(ChronoUnit.MINUTES));
        Duration dur = Duration.ofSeconds(3725, 500_000_000L);
        System.out.println("duration " + dur + " minutes " + dur.toMinutes() + " millis " + dur.toMillis() + " plus " + dur.plusHours(25) + " negated " + dur.negated()
            + " between " + Duration.between(LocalTime.of(8, 15), LocalTime.of(17, 40)));
        System.out.println("period " + Period.of(1, 14, 40).normalized() + " parse " + Period.parse("P2Y3M") + " " + Duration.parse("PT1H30M"));
        Instant i = Instant.ofEpochSecond(1_700_000_000L, 5);
        System.out.println("instant " + i + " epochMilli " + i.toEpochMilli() + " at UTC " + i.atOffset(ZoneOffset.UTC).toLocalDateTime() + " epoch " + Instant.EPOCH
            + " min " + Instant.ofEpochSecond(-1));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu HH:mm:ss.SSS", Locale.ENGLISH);
        System.out.println("pattern: " + dt.format(f) + " | ISO_WEEK_DATE " + d.format(DateTimeFormatter.ISO_WEEK_DATE) + " | BASIC " + d.format(DateTimeFormatter.BASIC_ISO_DATE)
            + " | ISO_INSTANT " + DateTimeFormatter.ISO_INSTANT.format(i));
        System.out.println("parse: " + LocalDate.parse("2024-02-29") + " " + LocalDateTime.parse("2020-05-06T07:08:09") + " "
            + LocalDate.parse("15/03/2024", DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " " + OffsetDateTime.parse("2024-06-01T12:00:00+05:30").toInstant());
        try {
            LocalDate.parse("2023-02-29");
        } catch (java.time.format.DateTimeParseException e) {
            System.out.println("invalid date: " + e.getMessage());
        }
        try {
            LocalDate.of(2023, 13, 1);
        } catch (DateTimeException e) {
            System.out.println("invalid month: " + e.getMessage());
        }
        ZoneId paris = ZoneId.of("Europe/Paris"), ny = ZoneId.of("America/New_York");
        ZonedDateTime beforeSpring = ZonedDateTime.of(2024, 3, 31, 1, 30, 0, 0, paris);
        System.out.println("Paris spring forward: " + beforeSpring + " +1h " + beforeSpring.plusHours(1) + " gap 02:30 -> " + ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, paris));
        ZonedDateTime overlap = ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, paris);
        System.out.println("Paris fall back overlap: " + overlap + " later " + overlap.withLaterOffsetAtOverlap());
        System.out.println("same instant in New York: " + beforeSpring.withZoneSameInstant(ny) + " offset " + ny.getRules().getOffset(i) + " DST " + ny.getRules().isDaylightSavings(i));
        System.out.println("fixed offset zone: " + ZonedDateTime.ofInstant(i, ZoneOffset.ofHoursMinutes(-3, -30)) + " UTC " + ZonedDateTime.ofInstant(i, ZoneId.of("UTC")));
        System.out.println("YearMonth " + YearMonth.of(2024, 2).lengthOfMonth() + " MonthDay " + MonthDay.of(2, 29).isValidYear(2023) + " Month " + Month.FEBRUARY.plus(11)
            + " DayOfWeek " + DayOfWeek.SUNDAY.plus(1) + " compare " + a.compareTo(b) + " isBefore " + a.isBefore(b));
    }
}
