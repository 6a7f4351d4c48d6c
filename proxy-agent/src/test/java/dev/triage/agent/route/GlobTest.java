package dev.triage.agent.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void exactPatternsCompareWholeText() {
        assertThat(Glob.caseSensitive("/a").matches("/a")).isTrue();
        assertThat(Glob.caseSensitive("/a").matches("/ab")).isFalse();
        assertThat(Glob.ignoringCase("Ab").matches("aB")).isTrue();
        assertThat(Glob.ignoringCase("Ab").matches("aBc")).isFalse();
    }

    @Test
    void starBacktracksAcrossRepeatedPrefixes() {
        Glob glob = Glob.caseSensitive("*ab*abc");
        assertThat(glob.matches("xxabyyababc")).isTrue();
        assertThat(glob.matches("abab")).isFalse();
        assertThat(Glob.caseSensitive("a**b").matches("ab")).isTrue();
        assertThat(Glob.caseSensitive("*").matches("")).isTrue();
        assertThat(Glob.caseSensitive("?").matches("")).isFalse();
    }

    @Test
    void escapesMakeWildcardsLiteral() {
        assertThat(Glob.caseSensitive("a\\?").matches("a?")).isTrue();
        assertThat(Glob.caseSensitive("a\\?").matches("ab")).isFalse();
        assertThat(Glob.caseSensitive("\\**").matches("*tail")).isTrue();
        assertThat(Glob.caseSensitive("\\**").matches("tail")).isFalse();
    }
}
