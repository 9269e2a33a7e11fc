package io.github.router4j.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 4180 CSV reader: comma-separated, fields optionally in double quotes, a doubled quote
 * inside a quoted field is one quote, quoted fields may span lines (CRLF or LF). The first record
 * is the header. Each row remembers the line it starts on, so errors can name it.
 */
final class CsvReader {

    private CsvReader() {
    }

    /** One data record: its values by column name and the 1-based line it starts on. */
    public record Row(String file, long line, List<String> header, List<String> values) {

        public Row {
            header = List.copyOf(header);
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** The value of {@code column}; fails naming the file and line when the column is absent. */
        public String get(String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new DataFileException(file, line, "no column '" + column + "'; columns are " + header);
            }
            return values.get(i);
        }

        /** A {@code True}/{@code False} value (case-insensitive; also 1/0) as a boolean. */
        public boolean getBoolean(String column) {
            String v = get(column).trim();
            if (v.equalsIgnoreCase("true") || v.equals("1") || v.equals("1.0")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equals("0") || v.equals("0.0")) {
                return false;
            }
            throw new DataFileException(file, line, "column '" + column + "': expected True or False, got \""
                    + abbreviate(v) + '"');
        }

        public DataFileException error(String problem) {
            return new DataFileException(file, line, problem);
        }
    }

    /** Reads a whole CSV file (UTF-8) with a header line. */
    public static List<Row> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text with a header line.
     *
     * @param source name of the source, used in error messages
     * @throws DataFileException on an empty input, a duplicate column name, an unterminated quote,
     *                           text after a closing quote, or a row whose column count differs from the header's
     */
    public static List<Row> read(Reader reader, String source) {
        Parser parser = new Parser(reader instanceof BufferedReader b ? b : new BufferedReader(reader), source);
        List<String> header = parser.next();
        if (header == null) {
            throw new DataFileException(source, 0, "empty file, expected a header line");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String column : header) {
            if (seen.put(column, 1) != null) {
                throw new DataFileException(source, 1, "duplicate column '" + column + "'");
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> values;
        while ((values = parser.next()) != null) {
            long line = parser.recordLine;
            if (values.size() == 1 && values.get(0).isEmpty()) {
                continue;
            }
            if (values.size() != header.size()) {
                throw new DataFileException(source, line, "expected " + header.size() + " columns " + header
                        + ", got " + values.size());
            }
            rows.add(new Row(source, line, header, values));
        }
        return rows;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static final class Parser {
        private final BufferedReader in;
        private final String source;
        private long line = 1;
        private long recordLine;
        private boolean eof;

        Parser(BufferedReader in, String source) {
            this.in = in;
            this.source = source;
        }

        /** The next record's fields, or null at the end of the input. */
        List<String> next() {
            if (eof) {
                return null;
            }
            try {
                int c = in.read();
                if (c < 0) {
                    eof = true;
                    return null;
                }
                recordLine = line;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                boolean afterQuote = false;
                boolean fieldStart = true;
                while (true) {
                    if (c < 0) {
                        if (quoted) {
                            throw new DataFileException(source, recordLine, "unterminated quoted field");
                        }
                        eof = true;
                        fields.add(field.toString());
                        return fields;
                    }
                    char ch = (char) c;
                    if (quoted) {
                        if (ch == '"') {
                            int n = in.read();
                            if (n == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                afterQuote = true;
                                c = n;
                                continue;
                            }
                        } else {
                            if (ch == '\n') {
                                line++;
                            }
                            field.append(ch);
                        }
                    } else if (ch == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                        fieldStart = true;
                        c = in.read();
                        continue;
                    } else if (ch == '\r' || ch == '\n') {
                        if (ch == '\r') {
                            in.mark(1);
                            if (in.read() != '\n') {
                                in.reset();
                            }
                        }
                        line++;
                        fields.add(field.toString());
                        return fields;
                    } else if (ch == '"' && fieldStart) {
                        quoted = true;
                    } else if (afterQuote) {
                        throw new DataFileException(source, line, "unexpected character '" + ch
                                + "' after a closing quote (quotes inside a quoted field must be doubled)");
                    } else {
                        field.append(ch);
                    }
                    fieldStart = false;
                    c = in.read();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
    }
}
