package dev.triage.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class AlbLogFormatErrorsTest {

    private static AlbLogFormatException failure(String line) {
        return catchThrowableOfType(AlbLogFormatException.class, () -> AlbLogParser.parseLine(line));
    }

    @Test
    void anUnterminatedQuoteNamesTheFieldWhereItStarts() {
        String line = AwsDocExamples.HTTP.substring(0, AwsDocExamples.HTTP.indexOf("\"curl")) + "\"curl/7.46.0 - -";

        var e = failure(line);

        assertThat(e.field()).isEqualTo("user_agent");
        assertThat(e.column()).isEqualTo(line.indexOf("\"curl") + 1);
        assertThat(e.lineNumber()).isEqualTo(AlbLogFormatException.UNKNOWN_LINE);
        assertThat(e)
                .hasMessage("column " + e.column() + ", field user_agent: unterminated quoted value"
                        + " (expected: a closing '\"' before the end of the line)");
        assertThat(e.line()).isEqualTo(line);
    }

    @Test
    void tooFewFieldsNamesTheFirstMissingField() {
        String line = AwsDocExamples.HTTP_2018.substring(0, AwsDocExamples.HTTP_2018.indexOf(" \"forward\""));

        var e = failure(line);

        assertThat(e.field()).isEqualTo("actions_executed");
        assertThat(e)
                .hasMessageContaining(
                        "the line ends after 22 fields (expected: at least 25 fields, through" + " error_reason)");
        assertThat(e.column()).isEqualTo(line.length() + 1);
    }

    @Test
    void anUnquotedRequestShiftsTheFieldsAndIsCaughtAtTheFirstMisfit() {
        String line = AwsDocExamples.HTTP.replace("\"GET http://www.example.com:80/ HTTP/1.1\"", "GET /");

        var e = failure(line);

        assertThat(e.field()).isEqualTo("request");
        assertThat(e).hasMessageContaining("\"GET\" (expected: method URL version");
    }

    @Test
    void aBadStatusCodeNamesTheFieldAndColumn() {
        String line = AwsDocExamples.HTTP.replace(" 200 200 34 ", " 2x0 200 34 ");

        var e = failure(line);

        assertThat(e.field()).isEqualTo("elb_status_code");
        assertThat(e.column()).isEqualTo(line.indexOf("2x0") + 1);
        assertThat(e).hasMessageEndingWith("\"2x0\" (expected: a status code 0..999, or -)");
    }

    @Test
    void aBadByteCountNamesTheField() {
        var e = failure(AwsDocExamples.HTTP.replace(" 34 366 ", " 34 -366 "));

        assertThat(e.field()).isEqualTo("sent_bytes");
        assertThat(e).hasMessageEndingWith("\"-366\" (expected: a byte count >= 0)");
    }

    @Test
    void aBadProcessingTimeNamesTheField() {
        var e = failure(AwsDocExamples.HTTP.replace(" 0.000 0.001 0.000 ", " 0.000 1e-3 0.000 "));

        assertThat(e.field()).isEqualTo("target_processing_time");
        assertThat(e).hasMessageEndingWith("\"1e-3\" (expected: seconds such as 0.001, or -1)");
    }

    @Test
    void aNegativeProcessingTimeOtherThanMinusOneIsRejected() {
        var e = failure(AwsDocExamples.HTTP.replace(" 0.000 0.001 0.000 ", " -2 0.001 0.000 "));

        assertThat(e.field()).isEqualTo("request_processing_time");
        assertThat(e).hasMessageEndingWith("\"-2\" (expected: seconds >= 0, or -1)");
    }

    @Test
    void aBadTimeNamesTheField() {
        var e = failure(AwsDocExamples.HTTP.replace("2018-07-02T22:23:00.186641Z", "2018-07-02 22:23:00"));

        assertThat(e.field()).isEqualTo("time");
        assertThat(e.column()).isEqualTo(6);
    }

    @Test
    void aClientWithoutPortNamesTheField() {
        var e = failure(AwsDocExamples.HTTP.replace("192.168.131.39:2817", "192.168.131.39"));

        assertThat(e.field()).isEqualTo("client:port");
        assertThat(e).hasMessageEndingWith("\"192.168.131.39\" (expected: ip:port)");
    }

    @Test
    void aPortOutOfRangeIsRejected() {
        var e = failure(AwsDocExamples.HTTP.replace("10.0.0.1:80 0.000", "10.0.0.1:70000 0.000"));

        assertThat(e.field()).isEqualTo("target:port");
    }

    @Test
    void aRulePriorityOutOfRangeIsRejected() {
        var e = failure(AwsDocExamples.HTTP.replace(" 0 2018-07-02T22:22:48", " 50001 2018-07-02T22:22:48"));

        assertThat(e.field()).isEqualTo("matched_rule_priority");
        assertThat(e).hasMessageEndingWith("\"50001\" (expected: 0 for the default rule, 1..50000, -1 or -)");
    }

    @Test
    void aBadTargetStatusListNamesTheField() {
        var e = failure(AwsDocExamples.HTTP.replace("\"10.0.0.1:80\" \"200\"", "\"10.0.0.1:80\" \"ok\""));

        assertThat(e.field()).isEqualTo("target_status_code_list");
    }

    @Test
    void textAfterAClosingQuoteIsRejected() {
        String line = AwsDocExamples.HTTP.replace("\"curl/7.46.0\" -", "\"curl/7.46.0\"x -");

        var e = failure(line);

        assertThat(e.field()).isEqualTo("user_agent");
        assertThat(e.column()).isEqualTo(line.indexOf("\"x") + 2);
        assertThat(e).hasMessageEndingWith("'x' after the closing quote (expected: a space)");
    }

    @Test
    void twoSpacesInARowAreRejected() {
        var e = failure(AwsDocExamples.HTTP.replace(" 34 366 ", " 34  366 "));

        assertThat(e.field()).isEqualTo("sent_bytes");
        assertThat(e).hasMessageEndingWith("empty value (expected: one space between fields)");
    }

    @Test
    void anEmptyLineIsRejected() {
        var e = failure("");

        assertThat(e.field()).isNull();
        assertThat(e).hasMessage("empty line (expected: at least 25 space-delimited fields)");
    }
}
