package dev.triage.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.detect.AttackPatterns.Signature;
import org.junit.jupiter.api.Test;

/** Core's access-log detectors match every signature of the list the agents use (agent-api), and nothing else. */
class SharedAttackPatternsTest {

    @Test
    void everySharedInjectionShapeIsFoundInAQuery() {
        for (Signature s : dev.triage.agent.api.detect.AttackPatterns.INJECTION) {
            AttackPatterns.Match match = AttackPatterns.injection("/patients", "q=" + s.pattern());
            assertThat(match).as(s.pattern()).isNotNull();
            assertThat(match.category()).as(s.pattern()).isEqualTo(s.category());
        }
        assertThat(AttackPatterns.injection("/patients/1/..", null).pattern())
                .isEqualTo(dev.triage.agent.api.detect.AttackPatterns.CLIMB.pattern());
    }

    @Test
    void everySharedScannerPathIsFoundAtASegmentStartAndStaffPathsAreNot() {
        for (Signature s : dev.triage.agent.api.detect.AttackPatterns.SCANNER) {
            assertThat(AttackPatterns.scannerPath("/api" + s.pattern() + "x"))
                    .as(s.pattern())
                    .isEqualTo(new AttackPatterns.Match(s.category(), s.pattern()));
        }
        assertThat(AttackPatterns.scannerPath("/patients/17/notes")).isNull();
        assertThat(AttackPatterns.injection("/patients/17/notes", "page=2&sort=name"))
                .isNull();
    }
}
