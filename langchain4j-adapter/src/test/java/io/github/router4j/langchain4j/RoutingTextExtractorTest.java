package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTextExtractorTest {

    private static String injected(DefaultContentInjector injector, String question) {
        UserMessage augmented = (UserMessage) injector.inject(
                List.of(Content.from("Opening hours: 9-17."), Content.from("Refunds within 30 days.")),
                UserMessage.from(question));
        return augmented.singleText();
    }

    @Test
    void the_default_removes_what_langchain4js_default_content_injector_added() {
        String sent = injected(new DefaultContentInjector(), "When are you open?\nAnd on Sundays?");

        assertThat(sent).contains("Answer using the following information:");
        assertThat(RoutingTextExtractor.defaults().extract(sent)).isEqualTo("When are you open?\nAnd on Sundays?");
    }

    @Test
    void a_configured_template_is_removed_too_and_other_text_is_left_alone() {
        String template = "Context:\n{{contents}}\n---\nQuestion: {{userMessage}}";
        DefaultContentInjector injector = DefaultContentInjector.builder().promptTemplate(PromptTemplate.from(template)).build();
        RoutingTextExtractor extractor = RoutingTextExtractor.contentInjectorTemplates(List.of(template));

        assertThat(extractor.extract(injected(injector, "When are you open?"))).isEqualTo("When are you open?");
        assertThat(extractor.extract("A plain question")).isEqualTo("A plain question");
        assertThat(RoutingTextExtractor.defaults().extract(injected(injector, "When are you open?")))
                .as("the default template does not match a custom one").contains("Context:");
    }

    @Test
    void a_template_without_the_user_message_is_rejected_with_the_template() {
        assertThatThrownBy(() -> RoutingTextExtractor.contentInjectorTemplates(List.of("{{contents}} only")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content injector template must contain {{userMessage}}: \"{{contents}} only\"");
    }

    @Test
    void extractors_compose() {
        RoutingTextExtractor upper = text -> text.toUpperCase(java.util.Locale.ROOT);

        assertThat(RoutingTextExtractor.defaults().andThen(upper)
                .extract(injected(new DefaultContentInjector(), "open?"))).isEqualTo("OPEN?");
    }
}
