package io.github.router4j.core.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void quotedFieldsMaySpanLinesAndContainCommasAndDoubledQuotes() {
        List<CsvReader.Row> rows = CsvReader.read(new StringReader(
                "a,b\r\n\"x, \"\"quoted\"\"\ny\",2\r\nplain,\"\"\n"), "t.csv");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("a")).isEqualTo("x, \"quoted\"\ny");
        assertThat(rows.get(0).get("b")).isEqualTo("2");
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).get("b")).isEmpty();
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsNamesItsLine() {
        assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,2\n3\n"), "t.csv"))
                .isInstanceOf(DataFileException.class)
                .hasMessage("t.csv:3: expected 2 columns [a, b], got 1");
    }

    @Test
    void anUnknownColumnAnUnterminatedQuoteAndAnEmptyFileAreReported() {
        CsvReader.Row row = CsvReader.read(new StringReader("a\n1\n"), "t.csv").get(0);
        assertThatThrownBy(() -> row.get("b")).hasMessage("t.csv:2: no column 'b'; columns are [a]");
        assertThatThrownBy(() -> CsvReader.read(new StringReader("a\n\"open\n"), "t.csv"))
                .hasMessage("t.csv:2: unterminated quoted field");
        assertThatThrownBy(() -> CsvReader.read(new StringReader(""), "t.csv"))
                .hasMessage("t.csv: empty file, expected a header line");
    }
}
