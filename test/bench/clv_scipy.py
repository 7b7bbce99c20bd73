#!/usr/bin/python3
"""The peer of npm run bench:clv: scipy fits BG/NBD and Gamma-Gamma to the same summaries (a CSV of x,tx,T,m).

Vectorised numpy log-likelihoods over every customer, minimised on the logarithms of the parameters from 1 each by
scipy.optimize.minimize with Nelder-Mead, as lifetimes fits these models (scipy's default BFGS with a numerical gradient
stops short of the optimum on a million customers: the finite differences lose the precision it needs).
A second BG/NBD fit gives scipy segmentql's own shortcut: customers with the same (x, tx, T) share one weighted
likelihood term (np.unique), and the compression is timed with the fit. Prints one JSON object: each fit's parameters,
log-likelihood and seconds (reading the file is not timed).
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import gammaln

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
x, tx, T, m = data[:, 0], data[:, 1], data[:, 2], data[:, 3]


def bgnbd_nll_weighted(v, ux, utx, uT, w):
    r, alpha, a, b = np.exp(v)
    a1 = gammaln(r + ux) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + ux) - gammaln(b) - gammaln(a + b + ux)
    a3 = -(r + ux) * np.log(alpha + uT)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(ux > 0, np.log(a) - np.log(b + ux - 1) - (r + ux) * np.log(alpha + utx), -np.inf)
    return -np.sum(w * (a1 + a2 + np.logaddexp(a3, a4)))


def bgnbd_nll(v):
    return bgnbd_nll_weighted(v, x, tx, T, 1.0)


keep = (x > 0) & (m > 0)
gx, gm = x[keep], m[keep]


def gg_nll(v):
    p, q, g = np.exp(v)
    return -np.sum(gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(g) + (p * gx - 1) * np.log(gm)
                   + p * gx * np.log(gx) - (p * gx + q) * np.log(g + gm * gx))


out = {"scipy_version": scipy.__version__, "customers": int(len(x))}
started = time.perf_counter()
bg = minimize(bgnbd_nll, np.zeros(4), method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-6, "maxiter": 20000, "maxfev": 40000})
out["bgnbd"] = dict(zip(["r", "alpha", "a", "b"], map(float, np.exp(bg.x))), logLikelihood=float(-bg.fun), success=bool(bg.success),
                    evaluations=int(bg.nfev), seconds=time.perf_counter() - started)
started = time.perf_counter()
triples, counts = np.unique(np.stack([x, tx, T], axis=1), axis=0, return_counts=True)
bgc = minimize(bgnbd_nll_weighted, np.zeros(4), args=(triples[:, 0], triples[:, 1], triples[:, 2], counts.astype(float)), method="Nelder-Mead",
               options={"xatol": 1e-8, "fatol": 1e-6, "maxiter": 20000, "maxfev": 40000})
out["bgnbdCompressed"] = dict(zip(["r", "alpha", "a", "b"], map(float, np.exp(bgc.x))), logLikelihood=float(-bgc.fun), success=bool(bgc.success),
                              evaluations=int(bgc.nfev), distinctHistories=int(len(counts)), seconds=time.perf_counter() - started)
started = time.perf_counter()
gg = minimize(gg_nll, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-6, "maxiter": 20000, "maxfev": 40000})
out["gammaGamma"] = dict(zip(["p", "q", "gamma"], map(float, np.exp(gg.x))), logLikelihood=float(-gg.fun), success=bool(gg.success),
                         evaluations=int(gg.nfev), seconds=time.perf_counter() - started)
print(json.dumps(out))
