package com.quantumedge.supervisor.policy.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Strict advice JSON")
class AdviceParserTest {

    @Test
    @DisplayName("a well-formed LOWER_RISK advice is read with its multiplier and reason")
    void lowerRisk() {
        Advice advice = AdviceParser.parse("{\"action\": \"LOWER_RISK\", \"risk_multiplier\": 0.5, \"reason\": \"drawdown growing\"}");

        assertThat(advice).isEqualTo(new Advice(AdviceAction.LOWER_RISK, 0.5, "drawdown growing"));
    }

    @Test
    @DisplayName("for other actions the multiplier may be null or absent, and surrounding whitespace is fine")
    void multiplierOptionalOtherwise() {
        assertThat(AdviceParser.parse("\n {\"action\":\"PAUSE_ENTRIES\",\"risk_multiplier\":null,\"reason\":\"losses\"} \n"))
                .isEqualTo(new Advice(AdviceAction.PAUSE_ENTRIES, null, "losses"));
        assertThat(AdviceParser.parse("{\"action\":\"NONE\",\"reason\":\"all fine\"}"))
                .isEqualTo(new Advice(AdviceAction.NONE, null, "all fine"));
        assertThat(AdviceParser.parse("{\"action\":\"RESUME_ENTRIES\",\"risk_multiplier\":1,\"reason\":\"recovered\"}").action())
                .isEqualTo(AdviceAction.RESUME_ENTRIES);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            "I think you should pause entries.",
            "Sure! {\"action\":\"NONE\",\"reason\":\"fine\"}",
            "```json\n{\"action\":\"NONE\",\"reason\":\"fine\"}\n```",
            "{\"action\":\"NONE\",\"reason\":\"fine\"} {\"action\":\"PAUSE_ENTRIES\",\"reason\":\"x\"}",
            "[{\"action\":\"NONE\",\"reason\":\"fine\"}]",
            "\"NONE\"",
            "{\"action\":\"none\",\"reason\":\"lower case\"}",
            "{\"action\":\"HALT\",\"reason\":\"not an advice action\"}",
            "{\"action\":\"NONE\"}",
            "{\"action\":\"NONE\",\"reason\":\"   \"}",
            "{\"action\":\"NONE\",\"reason\":42}",
            "{\"action\":\"LOWER_RISK\",\"reason\":\"no multiplier\"}",
            "{\"action\":\"LOWER_RISK\",\"risk_multiplier\":\"0.5\",\"reason\":\"multiplier as text\"}",
            "{\"action\":\"NONE\",\"reason\":\"fine\",\"confidence\":0.9}",
            "{\"action\":\"NONE\",\"action\":\"PAUSE_ENTRIES\",\"reason\":\"duplicate key\"}",
            "{\"action\":\"NONE\",\"reason\":\"truncated\""})
    @DisplayName("anything but one strict advice object is rejected")
    void rejected(String answer) {
        assertThatThrownBy(() -> AdviceParser.parse(answer)).isInstanceOf(MalformedAdviceException.class);
    }

    @Test
    @DisplayName("a reason longer than 500 characters is rejected")
    void reasonTooLong() {
        String reason = "x".repeat(AdviceParser.MAX_REASON_CHARS + 1);

        assertThatThrownBy(() -> AdviceParser.parse("{\"action\":\"NONE\",\"reason\":\"" + reason + "\"}"))
                .isInstanceOf(MalformedAdviceException.class).hasMessageContaining("500");
    }

    @Test
    @DisplayName("a null answer is rejected, not a NullPointerException")
    void nullAnswer() {
        assertThatThrownBy(() -> AdviceParser.parse(null)).isInstanceOf(MalformedAdviceException.class);
    }
}
