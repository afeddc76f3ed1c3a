"""A big corpus made of real coverage: the real corpus's articles, spread over many stories,
with figures perturbed so each story disagrees in its own way.

    python bench/real_derived.py --stories 200 --articles 1823 --out DIR [--seed 1]

Story i takes the articles of real story i mod 8 (tests/corpus/real/), a seeded sample of them
so that the corpus holds `--articles` articles in all, and renames the story in their front
matter. In about a third of the articles one figure is changed (a digit run gets 1 to 9 added),
the kind of slip the tool exists to find. Same arguments, byte-identical files. The texts are
real outlets' prose, which the generator's template sentences are not: extraction does more
work per article here (longer sentences, more names and figures).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "real"
_FIGURE = re.compile(r"(?<![\d.,])\d{1,6}(?![\d.,]\d)")
_STORY_LINE = re.compile(r"^story:.*$", re.MULTILINE)


def real_stories() -> dict[str, list[Path]]:
    """Each real story's article files, sorted."""
    return {
        folder.name: sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"})
        for folder in sorted(REAL.iterdir())
        if folder.is_dir()
    }


def perturb(body: str, rng: random.Random) -> str:
    """One figure of the body changed, or the body as it is when it has none."""
    figures = list(_FIGURE.finditer(body))
    if not figures:
        return body
    found = rng.choice(figures)
    changed = str(int(found.group()) + rng.randint(1, 9))
    return body[: found.start()] + changed + body[found.end() :]


def with_story(text: str, story: str) -> str:
    """The article with `story` in its front matter (added when it has none)."""
    if text.startswith("---\n"):
        end = text.index("\n---", 4)
        header, body = text[4:end], text[end:]
        header = (
            _STORY_LINE.sub(f"story: {story}", header)
            if _STORY_LINE.search(header)
            else f"{header}\nstory: {story}"
        )
        return f"---\n{header}{body}"
    return f"---\nstory: {story}\n---\n{text}"


def write_real_derived(out: Path, stories: int = 200, articles: int = 1823, seed: int = 1) -> int:
    """Write the corpus into `out` (must be empty or missing); returns the article count."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    rng = random.Random(seed)
    sources = list(real_stories().items())
    base, extra = divmod(articles, stories)
    written = 0
    for index in range(stories):
        name, files = sources[index % len(sources)]
        story = f"{index:04d}-{name}"
        wanted = min(len(files), base + (1 if index < extra else 0))
        folder = out / story
        folder.mkdir(parents=True)
        for path in sorted(rng.sample(files, wanted)):
            text = path.read_text(encoding="utf-8")
            if rng.random() < 0.33:
                head, sep, body = (
                    text.partition("\n---\n")
                    if text.startswith("---")
                    else (
                        "",
                        "",
                        text,
                    )
                )
                text = head + sep + perturb(body, rng)
            (folder / path.name).write_text(with_story(text, story), encoding="utf-8")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles", type=int, default=1823)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    count = write_real_derived(args.out, args.stories, args.articles, args.seed)
    print(f"wrote {count} articles in {args.stories} stories to {args.out}")
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
