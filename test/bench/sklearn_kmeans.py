#!/usr/bin/python3
"""Fits scikit-learn's KMeans on a float64 matrix written by kmeans.bench.ts; prints one JSON line.

Usage: /usr/bin/python3 sklearn_kmeans.py FILE N D K N_INIT TOL MAX_ITER
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

path, n, d, k, n_init, tol, max_iter = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
X = np.fromfile(path, dtype=np.float64).reshape(n, d)
started = time.perf_counter()
km = KMeans(n_clusters=k, n_init=n_init, init="k-means++", algorithm="lloyd", tol=tol, max_iter=max_iter, random_state=0).fit(X)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "inertia": float(km.inertia_), "iterations": int(km.n_iter_), "version": sklearn.__version__}))
