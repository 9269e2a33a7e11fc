package io.github.router4j.langchain4j;

import dev.langchain4j.rag.content.injector.DefaultContentInjector;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a user message into the text routing reads: the user's own words, without what
 * the application added around them. The default removes LangChain4j's retrieval augmentation
 * ({@link DefaultContentInjector}'s prompt template), so a retrieved document does not decide the
 * tier. The whole message still goes to the tier; only routing (rules, embeddings, learned routers)
 * and the judge's "question" see the extracted text. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RoutingTextExtractor {

    /** The part of {@code userMessageText} routing should read; never null. */
    String extract(String userMessageText);

    /** The text unchanged. */
    static RoutingTextExtractor identity() {
        return text -> text;
    }

    /** Removes the augmentation of LangChain4j's {@link DefaultContentInjector} with its default template. */
    static RoutingTextExtractor defaults() {
        return contentInjectorTemplates(List.of(DefaultContentInjector.DEFAULT_PROMPT_TEMPLATE.template()));
    }

    /**
     * Removes the augmentation of content injectors with these prompt templates (as given to
     * {@code DefaultContentInjector.builder().promptTemplate(...)}): a message that matches a template
     * is replaced by its {@code {{userMessage}}} part; other messages are left unchanged. Every
     * template must contain {@code {{userMessage}}}; other placeholders match any text.
     *
     * @throws IllegalArgumentException naming the template that lacks {@code {{userMessage}}}
     */
    static RoutingTextExtractor contentInjectorTemplates(List<String> templates) {
        List<Pattern> patterns = templates.stream().map(RoutingTextExtractor::templatePattern).toList();
        return text -> {
            for (Pattern p : patterns) {
                Matcher m = p.matcher(text);
                if (m.matches()) {
                    return m.group("user");
                }
            }
            return text;
        };
    }

    /** This extractor, then {@code next} on its result. */
    default RoutingTextExtractor andThen(RoutingTextExtractor next) {
        Objects.requireNonNull(next, "next");
        return text -> next.extract(extract(text));
    }

    private static Pattern templatePattern(String template) {
        Objects.requireNonNull(template, "template");
        String user = "{{userMessage}}";
        int at = template.indexOf(user);
        if (at < 0) {
            throw new IllegalArgumentException("content injector template must contain {{userMessage}}: \""
                    + template + "\"");
        }
        String regex = literalWithWildcards(template.substring(0, at)) + "(?<user>.*?)"
                + literalWithWildcards(template.substring(at + user.length()));
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    /** The template text quoted, each {@code {{placeholder}}} matching any text. */
    private static String literalWithWildcards(String part) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("\\{\\{[^}]*}}").matcher(part);
        int from = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(part.substring(from, placeholder.start()))).append(".*");
            from = placeholder.end();
        }
        String rest = part.substring(from);
        return rest.isEmpty() ? regex.toString() : regex.append(Pattern.quote(rest)).toString();
    }
}
