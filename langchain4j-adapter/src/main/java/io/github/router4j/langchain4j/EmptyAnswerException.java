package io.github.router4j.langchain4j;

import dev.langchain4j.exception.LangChain4jException;

/** A tier answered with neither text nor tool calls; treated like any other tier failure. */
public class EmptyAnswerException extends LangChain4jException {

    public EmptyAnswerException(String tier) {
        super("tier '" + tier + "' returned an empty answer");
    }
}
