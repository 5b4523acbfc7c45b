"""Parse many messages with a trained model, in-process, under `.venv-rasa/bin/python`.

    .venv-rasa/bin/python nlu/scripts/rasa_parse.py MODEL.tar.gz texts.jsonl parses.jsonl

Each input line is a JSON string; each output line is Rasa's parse of it (intent, ranking,
entities), the same JSON `POST /model/parse` answers. Rasa logs to standard output, so the
parses go to a file. Used by `nlu.evaluate` for
cross-validation folds, where starting a server per fold would only add start-up time.
This file runs in the Rasa environment: it imports nothing from the project.
"""

import asyncio
import json
import logging
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
logging.disable(logging.WARNING)


async def main(model: str, texts: str, parses: str) -> None:
    from rasa.core.agent import Agent  # heavy: imported after the logging set-up

    agent = Agent.load(model)
    with open(texts, encoding="utf-8") as source, open(parses, "w", encoding="utf-8") as out:
        for line in source:
            if line.strip():
                parsed = await agent.parse_message(json.loads(line))
                out.write(json.dumps(parsed, default=str) + "\n")


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
