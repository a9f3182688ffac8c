package dev.imagespec.runtime.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one definition of a control character, and that it agrees with what {@link InputText#quote} escapes. */
class InputTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\0",
                "a\nb",
                "a\rb",
                "\t",
                "\u000b",
                "\u001f",
                "\u007f",
                "x\u0085",
                "\u009b[31m",
                "\u2028",
                "\u2029"
            })
    void controlCharacters(String value) {
        assertThat(InputText.hasControl(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "numpy >= 1.26", "ünïcödé", "\u00a0nbsp", "emoji \ud83d\ude00", "a\"b\\c", "$HOME"})
    void notControlCharacters(String value) {
        assertThat(InputText.hasControl(value)).isFalse();
    }

    @Test
    void aControlCharacterIsExactlyWhatQuoteEscapesBesidesQuoteAndBackslash() {
        for (char c = 0; c < 0x3000; c++) {
            String s = String.valueOf(c);
            boolean escaped = !InputText.quote(s).equals("\"" + s + "\"");
            boolean quoteOrBackslash = c == '"' || c == '\\';
            assertThat(InputText.hasControl(s)).as("U+%04X", (int) c).isEqualTo(escaped && !quoteOrBackslash);
        }
    }
}
