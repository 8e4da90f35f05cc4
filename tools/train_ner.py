"""Train the small spaCy NER for units in running text, and compare it with the rules.

Data: the ``train`` split of tests/golden/running_text_units.jsonl (committed, hand-labelled);
scored on its ``test`` split.  Pipeline: blank ``zh`` + policyparse's jieba tokenizer + ``ner``.
Fixed seeds (``spacy.util.fix_random_seed``, ``random.seed``), fixed epochs.
Run: ``python tools/train_ner.py [--save]`` — ``--save`` writes models/zh_policy/ (the NER
component only; the tokenizer is rebuilt from jieba_user.txt at load time).  Keep the result
only if it beats the rules on the test split (it did not: see models/README.md).
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.training import Example

from policyparse.eval import running_text as nlpeval
from policyparse.nlp import pipeline as pnlp

SEED = 4
EPOCHS = 30
MODELS = Path(__file__).resolve().parent.parent / "models"
OUT = MODELS / "zh_policy"
RUNNING_TEXT_GOLD = Path(__file__).resolve().parent.parent / "tests" / "golden" / "running_text_units.jsonl"


def build_pipeline() -> spacy.Language:
    model = spacy.blank("zh")
    model.tokenizer = pnlp.JiebaTokenizer(model.vocab)
    model.add_pipe("ner").add_label(pnlp.ENTITY_LABEL)
    return model


def examples(model: spacy.Language, sentences) -> list[Example]:
    out = []
    for s in sentences:
        doc = model.make_doc(s.text)
        ents = [doc.char_span(a, b, label=pnlp.ENTITY_LABEL, alignment_mode="strict") for a, b in s.units]
        aligned = [e for e in ents if e is not None]  # spans jieba cuts through are lost to the NER
        out.append(Example.from_dict(doc, {"entities": [(e.start_char, e.end_char, pnlp.ENTITY_LABEL) for e in aligned]}))
    return out


def train(sentences) -> spacy.Language:
    spacy.util.fix_random_seed(SEED)
    random.seed(SEED)
    model = build_pipeline()
    data = examples(model, sentences)
    optimizer = model.initialize(lambda: data)
    for _ in range(EPOCHS):
        random.shuffle(data)
        for batch in spacy.util.minibatch(data, size=8):
            model.update(batch, sgd=optimizer, drop=0.2)
    return model


def ner_finder(model: spacy.Language):
    return lambda text: [(e.start_char, e.end_char) for e in model(text).ents]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true", help="write models/zh_policy/")
    parser.add_argument("--gold", type=Path, default=RUNNING_TEXT_GOLD, help="the labelled sentences (JSONL)")
    args = parser.parse_args()
    gold = nlpeval.load_gold(args.gold)
    model = train(nlpeval.split(gold, "train"))
    test = nlpeval.split(gold, "test")
    rules, ner = nlpeval.score(pnlp.unit_spans, test), nlpeval.score(ner_finder(model), test)
    print(rules.line("rules"))  # noqa: T201 (build script, not the library)
    print(ner.line("ner"))  # noqa: T201
    if args.save:
        model.get_pipe("ner").to_disk(OUT / "ner")
        print(f"wrote {OUT}")  # noqa: T201


if __name__ == "__main__":
    main()
