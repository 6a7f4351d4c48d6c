package dev.triage.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsNestedValuesAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t ctrl \u0001 unicode é");
        value.put("n", -42L);
        value.put("b", true);
        value.put("z", null);
        value.put("list", Arrays.asList(1L, "two", List.of(), Map.of()));

        String text = Json.write(value);

        assertThat(text).doesNotContain("\n");
        assertThat(Json.parse(text)).isEqualTo(value);
    }

    @Test
    void acceptsWhitespaceAndStandardEscapes() {
        assertThat(Json.parse(" { \"a\" : [ 1 , \"\\u0041\\/\" ] } ")).isEqualTo(Map.of("a", List.of(1L, "A/")));
    }

    @Test
    void rejectsTruncatedOrTrailingText() {
        assertThatThrownBy(() -> Json.parse("{\"a\":\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("-")).isInstanceOf(IllegalArgumentException.class);
    }
}
