#!/usr/bin/env python3
"""Generates synthetic calibration examples for the children's-story scoring spec: rated examples
(childrens-story-rated.jsonl) or, with --preferences, preference pairs (childrens-story-preferences.jsonl).

Stories are assembled from fable building blocks (animal or human characters, traits, dialogue, a moral,
plain or ornate language, padding that makes them too long). The rating imitates a reviewer who cares most
about the moral and the length: a weighted sum of the features plus Gaussian noise, mapped to the five
Pi rating levels; a preference pair is two stories for the same request, the one with the higher
reviewer quality chosen. Deterministic (seed 2024). Run:
  python3 generate-rated-stories.py > childrens-story-rated.jsonl
  python3 generate-rated-stories.py --preferences > childrens-story-preferences.jsonl
"""
import sys
import json
import random

random.seed(2024)
PAIRS = [("Tortoise", "Hare", "patient", "proud"), ("Ant", "Grasshopper", "hard-working", "lazy"),
         ("Fox", "Crow", "clever", "vain"), ("Mouse", "Lion", "small", "mighty"), ("Dog", "Wolf", "loyal", "greedy")]
HUMANS = [("Tom", "Ann", "patient", "proud"), ("Mia", "Leo", "kind", "greedy")]
MORALS = ["Slow and steady wins the race.", "Work today and you will eat tomorrow.",
          "Do not trust those who flatter you.", "Little friends may prove great friends.",
          "Greed often loses what it already has."]
PLAIN_PAD = ("The sun went down and came up again. The {a} walked on and on. The {b} sat and looked at the sky. "
             "Birds sang in the trees, and the wind moved the grass. ")
ORNATE_PAD = ("Notwithstanding the extraordinarily magnificent circumstances, the {a} contemplated innumerable "
              "philosophical considerations concerning the unpredictable particularities of existence. ")
REQUESTS = ["Write a children's story in the style of Aesop's fables about {theme}.",
            "Tell a short fable for a six-year-old that teaches a lesson about {theme}."]
THEMES = ["patience", "hard work", "flattery", "kindness", "greed"]


def story(animals, traits, dialogue, moral, ornate, padding):
    a, b, ta, tb = random.choice(PAIRS if animals else HUMANS)
    k = random.randrange(len(MORALS))
    who_a = f"{ta} {a}" if traits else a
    who_b = f"{tb} {b}" if traits else b
    paragraphs = [f"Once upon a time, a {who_a} lived near a {who_b} at the edge of a green meadow."]
    if dialogue:
        paragraphs.append(f"One morning the {b} laughed and said, \"You will never win, {a}!\" "
                          f"The {a} smiled and said, \"We shall see.\"")
    else:
        paragraphs.append(f"One morning the {b} laughed at the {a} and said it would never win.")
    pad = (ORNATE_PAD if ornate else PLAIN_PAD).format(a=a, b=b)
    for _ in range(padding):
        paragraphs.append(pad * 3)
    paragraphs.append(f"In the end the {a} did better than the {b}, who was sorry.")
    if moral:
        paragraphs.append("Moral: " + MORALS[k])
    return k, "\n\n".join(paragraphs)


def rated_story():
    animals, traits, dialogue, moral = (random.random() < p for p in (0.7, 0.6, 0.6, 0.6))
    ornate = random.random() < 0.3
    padding = random.choice([0, 1, 2, 3, 5, 8, 12])
    k, text = story(animals, traits, dialogue, moral, ornate, padding)
    words = len(text.split())
    length_ok = 120 <= words <= 400
    quality = (0.35 * moral + 0.25 * length_ok + 0.15 * animals + 0.1 * dialogue + 0.1 * (not ornate)
               + 0.05 * traits + random.gauss(0, 0.08))
    return k, text, quality


def main():
    levels = ["Strongly Disagree", "Disagree", "Neutral", "Agree", "Strongly Agree"]
    if "--preferences" in sys.argv:
        pairs = 0
        while pairs < 80:
            k, a, qa = rated_story()
            _, b, qb = rated_story()
            if abs(qa - qb) < 0.05:
                continue
            chosen, rejected = (a, b) if qa > qb else (b, a)
            request = random.choice(REQUESTS).format(theme=THEMES[k])
            print(json.dumps({"llm_input": request, "chosen": chosen, "rejected": rejected}))
            pairs += 1
        return
    for i in range(80):
        k, text, quality = rated_story()
        level = min(4, max(0, round(quality * 4)))
        request = random.choice(REQUESTS).format(theme=THEMES[k])
        print(json.dumps({"llm_input": request, "llm_output": text, "rating": levels[level]}))


if __name__ == "__main__":
    main()
