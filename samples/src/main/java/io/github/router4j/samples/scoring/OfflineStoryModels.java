package io.github.router4j.samples.scoring;

import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import io.github.router4j.testkit.LocalOpenAiServer.Request;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scripted models for running the children's-story samples without an API key, served by a
 * {@link LocalOpenAiServer}: model {@code cheap} writes a rambling story far too long for bedtime,
 * model {@code strong} a short fable; either model, asked a judge question by an LLM judge, answers
 * Yes or No from simple features of the answer (paragraphs, a "moral", animal names, trait words,
 * word length, quotation marks), and like a real judge sampled at temperature 1 it gets 15% of its
 * votes wrong (deterministically: the n-th vote on the same question and answer is always the same).
 */
public final class OfflineStoryModels {

    static final String FABLE = """
            Once upon a time, a proud Hare lived near a patient Tortoise at the edge of a green meadow.

            One morning the Hare laughed and said, "You are so slow, Tortoise! I could beat you in a race \
            with my eyes closed." The Tortoise smiled and said, "Then let us race to the old oak tree."

            The Hare ran far ahead. Sure that he would win, he lay down under a bush and fell asleep. \
            The Tortoise did not stop. Step by step, he walked past the sleeping Hare.

            When the Hare woke up, he ran as fast as he could, but the Tortoise was already at the oak \
            tree. All the animals of the meadow cheered for him.

            The Hare hung his head. "I was fast," he said, "but you never gave up." From that day on, \
            the Hare never laughed at anyone for being slow.

            Moral: Slow and steady wins the race.""";

    private static final String RAMBLE = "The sun went down and came up again, and the hare looked at the long "
            + "road and thought about many things, about the clouds and the grass and the river and the hills far "
            + "away, and the tortoise kept walking along the road, and the birds sang in the trees while the wind "
            + "moved the tall grass this way and that way. ";
    static final String LONG_STORY = "Once upon a time, a proud Hare and a patient Tortoise agreed to run a race.\n\n"
            + (RAMBLE.repeat(3) + "\n\n").repeat(4)
            + "The Hare said, \"I will win!\" but he slept, and the Tortoise won.\n\nMoral: Slow and steady wins the race.";

    private static final Pattern JUDGE = Pattern.compile("Answer to evaluate:\\n(.*)\\n\\nQuestion: (.*)\\nReply with",
            Pattern.DOTALL);
    private static final List<String> ANIMALS = List.of("hare", "tortoise", "fox", "crow", "ant", "grasshopper",
            "lion", "mouse", "wolf", "dog", "lamb");
    private static final List<String> TRAITS = List.of("proud", "patient", "greedy", "lazy", "clever", "vain", "kind",
            "loyal", "mighty", "hard-working");
    private static final double WRONG_VOTES = 0.15;

    private final Map<String, AtomicInteger> votesSoFar = new ConcurrentHashMap<>();

    private OfflineStoryModels() {
    }

    /** A local server answering as the cheap and strong story models and as their judge. */
    public static LocalOpenAiServer start() {
        return LocalOpenAiServer.start(new OfflineStoryModels()::reply);
    }

    Reply reply(Request request) {
        Matcher m = JUDGE.matcher(request.lastUserText());
        if (m.find()) {
            return Reply.text(vote(m.group(2).strip(), m.group(1)) ? "Yes" : "No");
        }
        return Reply.text("strong".equals(request.model()) ? FABLE : LONG_STORY);
    }

    private boolean vote(String question, String answer) {
        boolean truth = feature(question.toLowerCase(Locale.ROOT), answer);
        String key = question + '\u0000' + answer;
        int n = votesSoFar.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        int h = (key.hashCode() * 31 + n) * 0x9E3779B1;
        boolean wrong = ((h >>> 8) % 1000) < WRONG_VOTES * 1000;
        return wrong != truth;
    }

    static boolean feature(String question, String answer) {
        String text = answer.toLowerCase(Locale.ROOT);
        if (question.contains("beginning, middle and end")) {
            return answer.split("\\n\\s*\\n").length >= 3;
        }
        if (question.contains("moral")) {
            return text.contains("moral") || text.contains("lesson");
        }
        if (question.contains("animals")) {
            return ANIMALS.stream().anyMatch(text::contains);
        }
        if (question.contains("trait")) {
            return TRAITS.stream().filter(text::contains).count() >= 2;
        }
        if (question.contains("simple enough")) {
            String[] words = text.split("[^a-z]+");
            double letters = Arrays.stream(words).mapToInt(String::length).sum();
            return letters / Math.max(1, words.length) <= 5.0;
        }
        if (question.contains("speak to each other")) {
            return answer.chars().filter(c -> c == '"').count() >= 2;
        }
        return text.length() > 0;
    }
}
