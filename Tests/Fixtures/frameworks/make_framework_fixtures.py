#!/usr/bin/env python3
"""Fixtures from the real frameworks (PyTorch, Keras 3 on JAX, Optax) for `trace`.

What this is
------------
Every case below is run IN THE REAL FRAMEWORK: the network is the framework's
own model (torch.nn.Sequential of nn.Linear, a keras.Sequential of Dense
layers, a JAX pytree for Optax), the gradient comes from the framework's
autograd (torch autograd; jax.grad over keras' stateless_call; jax.grad), and
the update from the framework's optimizer object, built by `eval` of the exact
recipe string stored in the case (`params` and `optimizer` in the strings are
this script's variables).  Everything runs in float64 on the CPU.

For each case and update t (from 1) the file records, per parameter: `w`
(before the update), `g` (the gradient the framework computed, of the mean
batch loss plus the L2 term if the case has one), `g_data` (L2 cases only: the
gradient without the L2 term), the framework's optimizer state after the
update under trace's names (only where it means what the case's convention
means; see README.md), and `w_new`; and per step `t`, `eta` (the learning rate
the update used, in trace's sense), `batch` (1-based sample indices) and, for
the lecture's momentum run through a framework, `lr` (the framework's own
learning rate, eta*(1-beta)).

Writes Tests/Fixtures/frameworks/frameworks.json (deterministic: fixed key
order, json.dump indent 1, repr-exact floats).

Rerun
-----
    python3 Tests/Fixtures/frameworks/make_framework_fixtures.py

Self-checks (asserted before anything is written)
-------------------------------------------------
* every case, t = 1: the framework's gradient against a central finite
  difference of the framework's own loss (relative 1e-6) and against a numpy
  backpropagation written here (relative 1e-12);
* every case, every step: the framework's w, g (and g_data), recorded state and
  w_new against an independent numpy run of the formula (shared/conventions.md
  for the pytorch/keras/optax conventions, shared/lecture.md for `lecture`) of
  the case's convention, to 1e-12 relative ("reproduces": true), or, for the
  "cannot" cases ("reproduces": false), against the framework's own
  convention (1e-12) while differing from the case's convention by more than
  1e-9 relative somewhere;
* schedule cases: the framework's eta_t against the closed-form schedule.

Two schedule cases are recorded with "reproduces": false and a "note": Keras's
CosineDecay (keras.ops.cos) and Optax's exponential_decay with an int
transition_steps compute the learning rate in float32 even in float64 runs.
The script asserts that their eta_t are float32 values, that the framework's
own formula fed those eta_t reproduces the run to 1e-12, and that the run
differs from the closed-form float64 eta_t by more than 1e-9.  Likewise
keras.ops.tanh and keras.ops.mean work in float32 on JAX, so the Keras model
uses jax.numpy.tanh for tanh layers and a sum divided by B for the batch mean.
"""

from __future__ import annotations

import math
import os
import sys
import time

T_START = time.perf_counter()

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import json  # noqa: E402
import platform  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import yaml  # noqa: E402

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import jaxlib  # noqa: E402
import keras  # noqa: E402

keras.config.set_floatx("float64")
import optax  # noqa: E402
import torch  # noqa: E402

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent
OUT = HERE / "frameworks.json"

LESSONS = {
    "mazur": "reference/lessons/mazur-2-2-1.yaml",
    "tanh-sigmoid": "reference/lessons/tanh-sigmoid-2-2-1.yaml",
    "logistic-bce": "reference/lessons/logistic-2-1-bce.yaml",
    "linear-mse": "reference/lessons/linear-3-2-mse.yaml",
    "softmax-ce": "reference/lessons/softmax-2-2-3.yaml",
}

FRAMEWORKS = ("pytorch", "keras", "optax")

# Hyperparameters (non-default on purpose).
ETA_GD = 0.5
MOM_ETA, MOM_BETA = 0.1, 0.9
ADAGRAD_ETA, ADAGRAD_EPS = 0.1, 1e-7
RMS_ETA, RMS_RHO, RMS_EPS = 0.01, 0.9, 1e-7
ADAM_ETA, ADAM_B1, ADAM_B2, ADAM_EPS = 0.01, 0.9, 0.999, 1e-7
ADAMW_LAMBDA = 0.01
# AMSGrad's beta2 well below Adam's, so that v (and v_hat) fall within 4 updates and the
# maximum is taken: every AMSGrad case asserts that its v_max differs from the moment it keeps.
AMSGRAD_B2 = 0.9
STEP_GAMMA, STEP_EVERY = 0.5, 2
COS_ETA_MIN, COS_PERIOD = 0.001, 4
L2 = 0.01

TOL_SAME = 1e-12   # framework vs numpy formula, framework vs numpy backprop
TOL_FD = 1e-6      # framework gradient vs central finite difference
TOL_DIFFER = 1e-9  # "cannot" cases must differ by more than this somewhere


# --------------------------------------------------------------------------
# Lessons
# --------------------------------------------------------------------------

class Lesson:
    def __init__(self, key):
        self.key = key
        self.path = LESSONS[key]
        doc = yaml.safe_load((FIXTURES / self.path).read_text())
        self.loss = doc["model"]["loss"]
        self.layers = []  # (activation, W[j,i] (J x I), b (J))
        for layer in doc["model"]["layers"]:
            W = np.array(layer["weights"], dtype=np.float64)
            b = np.array(layer.get("biases", [0.0] * W.shape[0]), dtype=np.float64)
            self.layers.append((layer["activation"], W, b))
        self.X = np.array(doc["data"]["inputs"], dtype=np.float64)
        targets = doc["data"]["targets"]
        if self.loss == "cross_entropy":
            # [k] is class k (from 1): the one-hot row (contract.md, round 2).
            K = self.layers[-1][1].shape[0]
            targets = [[1.0 if k == row[0] else 0.0 for k in range(1, K + 1)] if len(row) == 1 else row
                       for row in targets]
        self.Y = np.array(targets, dtype=np.float64)
        self.n = self.X.shape[0]
        self.names = []
        for l, (_, W, _) in enumerate(self.layers, start=1):
            for j in range(W.shape[0]):
                for i in range(W.shape[1]):
                    self.names.append(f"W{l}[{j + 1},{i + 1}]")
                self.names.append(f"b{l}[{j + 1}]")

    def flatten(self, Ws, bs):
        """Per-layer W (J x I) and b (J) -> flat vector in trace's order."""
        out = []
        for W, b in zip(Ws, bs):
            W = np.asarray(W, dtype=np.float64)
            b = np.asarray(b, dtype=np.float64)
            for j in range(W.shape[0]):
                out.extend(float(x) for x in W[j])
                out.append(float(b[j]))
        return np.array(out, dtype=np.float64)

    def unflatten(self, flat):
        Ws, bs, k = [], [], 0
        for _, W, _ in self.layers:
            J, I = W.shape
            Wn, bn = np.empty((J, I)), np.empty(J)
            for j in range(J):
                Wn[j] = flat[k:k + I]
                k += I
                bn[j] = flat[k]
                k += 1
            Ws.append(Wn)
            bs.append(bn)
        return Ws, bs

    def initial(self):
        return self.flatten([W for _, W, _ in self.layers], [b for _, _, b in self.layers])

    def batch(self, batch_size, t):
        if batch_size == "full":
            return list(range(self.n))
        assert batch_size == 1
        return [(t - 1) % self.n]


# --------------------------------------------------------------------------
# numpy reference: backpropagation and every convention's formulas
# --------------------------------------------------------------------------

def np_act(name, z):
    if name == "identity":
        return z.copy()
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "softmax":
        e = np.exp(z - np.max(z))
        return e / np.sum(e)
    raise ValueError(name)


def np_act_prime(name, z, a):
    if name == "identity":
        return np.ones_like(z)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    raise ValueError(name)


def np_sample_loss_grad(lesson, Ws, bs, x, y):
    acts = [x]
    zs = []
    for (act, _, _), W, b in zip(lesson.layers, Ws, bs):
        z = W @ acts[-1] + b
        zs.append(z)
        acts.append(np_act(act, z))
    yhat = acts[-1]
    K = len(y)
    if lesson.loss == "half_sse":
        loss = 0.5 * np.sum((y - yhat) ** 2)
        dy = yhat - y
    elif lesson.loss == "mse":
        loss = np.sum((y - yhat) ** 2) / K
        dy = 2.0 * (yhat - y) / K
    elif lesson.loss == "bce":
        loss = -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
        dy = (yhat - y) / (yhat * (1 - yhat))
    elif lesson.loss == "cross_entropy":
        loss = -np.sum(y * np.log(yhat))
        dy = -y / yhat
    else:
        raise ValueError(lesson.loss)
    L = len(Ws)
    gW, gb = [None] * L, [None] * L
    if lesson.layers[-1][0] == "softmax":
        # the chain rule through softmax's Jacobian d yhat_j / d z_k = yhat_j*([j = k] - yhat_k)
        delta = (np.diag(yhat) - np.outer(yhat, yhat)).T @ dy
    else:
        delta = dy * np_act_prime(lesson.layers[-1][0], zs[-1], acts[-1])
    for l in range(L - 1, -1, -1):
        gW[l] = np.outer(delta, acts[l])
        gb[l] = delta.copy()
        if l > 0:
            delta = (Ws[l].T @ delta) * np_act_prime(lesson.layers[l - 1][0], zs[l - 1], acts[l])
    return loss, gW, gb


def np_batch_loss_grad(lesson, flat, idx):
    Ws, bs = lesson.unflatten(flat)
    total_loss = 0.0
    total_g = np.zeros_like(flat)
    for k in idx:
        loss, gW, gb = np_sample_loss_grad(lesson, Ws, bs, lesson.X[k], lesson.Y[k])
        total_loss += loss
        total_g += lesson.flatten(gW, gb)
    return total_loss / len(idx), total_g / len(idx)


def schedule_eta(eta, schedule, t):
    """trace's closed forms (Tests/Fixtures/reference/README.md), Python floats."""
    if schedule is None:
        return eta
    if schedule["name"] == "step":
        return eta * schedule["gamma"] ** math.floor((t - 1) / schedule["every"])
    T, lo = schedule["period"], schedule["eta_min"]
    return lo + 0.5 * (eta - lo) * (1 + math.cos(math.pi * min(t - 1, T) / T))


def np_run(lesson, case, convention, etas=None):
    """The case run with numpy and `convention`'s formulas (conventions.md /
    lecture.md).  Returns one dict per step: eta, w, g, g_data, state, w_new."""
    opt, hp = case["optimizer"], case["hyperparameters"]
    w = lesson.initial()
    P = len(w)
    zeros = np.zeros(P)
    m, v, ss, mom, vmax = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    s = np.full(P, hp.get("initial_accumulator", 0.0))
    out = []
    for t in range(1, case["steps"] + 1):
        idx = lesson.batch(case["batch_size"], t)
        eta = schedule_eta(hp["eta"], case["schedule"], t) if etas is None else etas[t - 1]
        _, g_data = np_batch_loss_grad(lesson, w, idx)
        g = g_data + case["l2"] * w if case["l2"] else g_data
        state = {}
        if opt in ("gd", "sgd"):
            w_new = w - eta * g
        elif opt == "momentum":
            beta = hp["beta"]
            if convention == "lecture":
                mom = beta * mom + (1 - beta) * g
                w_new = w - eta * mom
            elif convention == "pytorch":
                mom = g.copy() if t == 1 else beta * mom + g
                w_new = w - eta * mom
            elif convention == "keras":
                mom = beta * mom - eta * g
                w_new = w + mom
            elif convention == "optax":
                mom = g + beta * mom
                w_new = w - eta * mom
            state["v"] = mom
        elif opt == "nesterov":
            # each framework's nesterov=True (conventions.md); the lecture's form keeps (1 - beta)
            beta = hp["beta"]
            if convention == "lecture":
                mom = beta * mom + (1 - beta) * g
                w_new = w - eta * (beta * mom + (1 - beta) * g)
            elif convention in ("pytorch", "optax"):
                mom = beta * mom + g
                w_new = w - eta * (g + beta * mom)
            elif convention == "keras":
                mom = beta * mom - eta * g
                w_new = w + beta * mom - eta * g
            state["v"] = mom
        elif opt == "adagrad":
            eps = hp["epsilon"]
            s = s + g * g
            if convention == "pytorch":
                w_new = w - eta * g / (np.sqrt(s) + eps)
            elif convention == "lecture":
                w_new = w - (eta / np.sqrt(s + eps)) * g
            else:  # keras, optax
                w_new = w - eta * g / np.sqrt(s + eps)
            state["s"] = s
        elif opt == "rmsprop":
            rho, eps = hp["rho"], hp["epsilon"]
            ss = rho * ss + (1 - rho) * g * g
            if convention == "pytorch":
                w_new = w - eta * g / (np.sqrt(ss) + eps)
            elif convention == "lecture":
                w_new = w - (eta / np.sqrt(ss + eps)) * g
            else:  # keras, optax
                w_new = w - eta * g / np.sqrt(ss + eps)
            state["ss"] = ss
        elif opt in ("adam", "adamw"):
            b1, b2, eps = hp["beta1"], hp["beta2"], hp["epsilon"]
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
            m_hat, v_hat = m / bc1, v / bc2
            if convention == "lecture":
                step = (eta / np.sqrt(v_hat + eps)) * m_hat
            elif convention in ("pytorch", "optax"):
                step = eta * m_hat / (np.sqrt(v_hat) + eps)
            elif convention == "keras":
                lr_t = eta * math.sqrt(bc2) / bc1
                step = lr_t * m / (np.sqrt(v) + eps)
            w_new = w - step
            if opt == "adamw":
                w_new = w_new - eta * hp["lambda"] * w
            state["m"], state["v"] = m, v
        elif opt == "amsgrad":
            # Adam dividing by the largest second moment so far: of v, before the bias
            # correction (PyTorch's and Keras's amsgrad=True), or of v_hat, after it (Optax's
            # amsgrad; the lecture's Adam with v_max, conventions.md)
            b1, b2, eps = hp["beta1"], hp["beta2"], hp["epsilon"]
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
            m_hat = m / bc1
            if convention in ("pytorch", "keras"):
                vmax = np.maximum(vmax, v)
                if convention == "pytorch":
                    step = eta * m_hat / (np.sqrt(vmax / bc2) + eps)
                else:
                    step = (eta * math.sqrt(bc2) / bc1) * m / (np.sqrt(vmax) + eps)
            else:
                vmax = np.maximum(vmax, v / bc2)
                if convention == "lecture":
                    step = (eta / np.sqrt(vmax + eps)) * m_hat
                else:
                    step = eta * m_hat / (np.sqrt(vmax) + eps)
            w_new = w - step
            state["m"], state["v"], state["v_max"] = m, v, vmax
        else:
            raise ValueError(opt)
        out.append({"eta": eta, "batch": idx, "w": w, "g": g, "g_data": g_data,
                    "state": {k: x.copy() for k, x in state.items()}, "w_new": w_new})
        w = w_new
    return out


# --------------------------------------------------------------------------
# Framework runners
# --------------------------------------------------------------------------

STATE_NAMES = {
    # framework -> optimizer -> [(framework's state name, trace's name)]
    "pytorch": {"momentum": [("momentum_buffer", "v")], "nesterov": [("momentum_buffer", "v")], "adagrad": [("sum", "s")],
                "rmsprop": [("square_avg", "ss")],
                "adam": [("exp_avg", "m"), ("exp_avg_sq", "v")],
                "adamw": [("exp_avg", "m"), ("exp_avg_sq", "v")],
                "amsgrad": [("exp_avg", "m"), ("exp_avg_sq", "v"), ("max_exp_avg_sq", "v_max")]},
    "keras": {"momentum": [("momentums", "v")], "nesterov": [("momentums", "v")], "adagrad": [("_accumulators", "s")],
              "rmsprop": [("_velocities", "ss")],
              "adam": [("_momentums", "m"), ("_velocities", "v")],
              "adamw": [("_momentums", "m"), ("_velocities", "v")],
              "amsgrad": [("_momentums", "m"), ("_velocities", "v"), ("_velocity_hats", "v_max")]},
    "optax": {"momentum": [("trace", "v")], "nesterov": [("trace", "v")], "adagrad": [("sum_of_squares", "s")],
              "rmsprop": [("nu", "ss")],
              "adam": [("mu", "m"), ("nu", "v")],
              "adamw": [("mu", "m"), ("nu", "v")],
              "amsgrad": [("mu", "m"), ("nu", "v"), ("nu_max", "v_max")]},
}


class TorchRunner:
    # A softmax layer's output is left as logits: nn.CrossEntropyLoss takes them.
    ACT = {"identity": torch.nn.Identity, "sigmoid": torch.nn.Sigmoid,
           "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "softmax": torch.nn.Identity}

    def __init__(self, lesson, case):
        self.lesson, self.case = lesson, case
        mods = []
        for act, W, b in lesson.layers:
            lin = torch.nn.Linear(W.shape[1], W.shape[0], bias=True, dtype=torch.float64)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(W))
                lin.bias.copy_(torch.from_numpy(b))
            mods += [lin, self.ACT[act]()]
        self.model = torch.nn.Sequential(*mods)
        self.linears = [m for m in mods if isinstance(m, torch.nn.Linear)]
        params = list(self.model.parameters())
        self.params = params
        ns = {"torch": torch, "params": params}
        optimizer = eval(case["recipe"], ns)
        self.optimizer = optimizer
        self.scheduler = None
        if case["scheduler"] is not None:
            ns["optimizer"] = optimizer
            self.scheduler = eval(case["scheduler"], ns)
        self.X = torch.from_numpy(lesson.X)
        self.Y = torch.from_numpy(lesson.Y)

    def _loss(self, yhat, y):
        loss = self.lesson.loss
        if loss == "cross_entropy":
            # logits and class indices; reduction "mean" averages over the batch
            return torch.nn.CrossEntropyLoss()(yhat, y.argmax(dim=1))
        if loss == "half_sse":
            per = 0.5 * ((y - yhat) ** 2).sum(dim=1)
        elif loss == "mse":
            per = ((y - yhat) ** 2).sum(dim=1) / y.shape[1]
        else:
            per = -(y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat)).sum(dim=1)
        return per.mean()

    def _l2(self, params):
        return 0.5 * self.case["l2"] * sum((p ** 2).sum() for p in params)

    def w(self):
        return self.lesson.flatten([m.weight.detach().numpy() for m in self.linears],
                                   [m.bias.detach().numpy() for m in self.linears])

    def loss_at(self, flat, idx):
        Ws, bs = self.lesson.unflatten(flat)
        pd = {}
        for k, m in enumerate(self.model):
            if isinstance(m, torch.nn.Linear):
                li = self.linears.index(m)
                pd[f"{k}.weight"] = torch.from_numpy(Ws[li])
                pd[f"{k}.bias"] = torch.from_numpy(bs[li])
        with torch.no_grad():
            yhat = torch.func.functional_call(self.model, pd, (self.X[idx],))
            loss = self._loss(yhat, self.Y[idx])
            if self.case["l2"]:
                loss = loss + self._l2(list(pd.values()))
        return float(loss)

    def grads(self, idx):
        self.optimizer.zero_grad(set_to_none=True)
        data = self._loss(self.model(self.X[idx]), self.Y[idx])
        g_data = None
        if self.case["l2"]:
            gd = torch.autograd.grad(data, self.params, retain_graph=True)
            g_data = self._flat_tensors(gd)
            total = data + self._l2(self.params)
        else:
            total = data
        total.backward()
        g = self._flat_tensors([p.grad for p in self.params])
        return g, g_data

    def _flat_tensors(self, ts):
        ts = [t.detach().numpy() for t in ts]
        return self.lesson.flatten(ts[0::2], ts[1::2])

    def lr(self):
        return float(self.optimizer.param_groups[0]["lr"])

    def step(self):
        self.optimizer.step()
        if self.scheduler is not None:
            self.scheduler.step()

    def state(self):
        out = {}
        for fname, tname in STATE_NAMES["pytorch"].get(self.case["optimizer"], []):
            ts = [self.optimizer.state[p][fname] for p in self.params]
            out[tname] = self._flat_tensors(ts)
        return out


class KerasRunner:
    # Keras's own "tanh" (keras.ops.tanh) computes in float32 on the JAX
    # backend even with floatx float64 (its result_type maps float64 to
    # float32), so the tanh layers use jax.numpy.tanh; see README.md.
    ACT = {"identity": "linear", "sigmoid": "sigmoid", "tanh": jnp.tanh, "relu": "relu", "softmax": "softmax"}

    def __init__(self, lesson, case):
        self.lesson, self.case = lesson, case
        layers = [keras.Input((lesson.X.shape[1],), dtype="float64")]
        for act, W, b in lesson.layers:
            layers.append(keras.layers.Dense(W.shape[0], activation=self.ACT[act], use_bias=True))
        self.model = keras.Sequential(layers)
        for layer, (_, W, b) in zip(self.model.layers, lesson.layers):
            layer.set_weights([W.T.copy(), b.copy()])
        self.vars = list(self.model.trainable_variables)
        assert all(v.dtype == "float64" for v in self.vars)
        self.optimizer = eval(case["recipe"], {"keras": keras})
        self.optimizer.build(self.vars)
        self._g = None
        self.lr_dtypes = set()

        def data_loss(tv, x, y):
            yhat, _ = self.model.stateless_call(tv, [], x)
            d = keras.ops
            if lesson.loss == "cross_entropy":
                # per sample (reduction=None), averaged below as the other losses are
                per = keras.losses.CategoricalCrossentropy(reduction=None)(y, yhat)
            elif lesson.loss == "half_sse":
                per = 0.5 * d.sum(d.square(y - yhat), axis=1)
            elif lesson.loss == "mse":
                per = d.sum(d.square(y - yhat), axis=1) / y.shape[1]
            else:
                per = -d.sum(y * d.log(yhat) + (1 - y) * d.log(1 - yhat), axis=1)
            # not keras.ops.mean: on JAX it averages in float32 (see README.md)
            return d.sum(per) / per.shape[0]

        def total_loss(tv, x, y):
            loss = data_loss(tv, x, y)
            if case["l2"]:
                loss = loss + 0.5 * case["l2"] * sum(keras.ops.sum(keras.ops.square(v)) for v in tv)
            return loss

        self.data_loss, self.total_loss = data_loss, total_loss
        self.grad_total = jax.grad(total_loss)
        self.grad_data = jax.grad(data_loss)

    def _flat_vals(self, vals):
        vals = [np.asarray(v) for v in vals]
        return self.lesson.flatten([k.T for k in vals[0::2]], vals[1::2])

    def _values(self, flat):
        Ws, bs = self.lesson.unflatten(flat)
        out = []
        for W, b in zip(Ws, bs):
            out += [jnp.asarray(W.T), jnp.asarray(b)]
        return out

    def w(self):
        return self._flat_vals([v.value for v in self.vars])

    def loss_at(self, flat, idx):
        return float(self.total_loss(self._values(flat), self.lesson.X[idx], self.lesson.Y[idx]))

    def grads(self, idx):
        tv = [v.value for v in self.vars]
        x, y = self.lesson.X[idx], self.lesson.Y[idx]
        self._g = self.grad_total(tv, x, y)
        g = self._flat_vals(self._g)
        g_data = self._flat_vals(self.grad_data(tv, x, y)) if self.case["l2"] else None
        return g, g_data

    def lr(self):
        lr = self.optimizer.learning_rate
        arr = np.asarray(lr.value if hasattr(lr, "value") else lr)
        if arr.dtype != np.float64:
            self.lr_dtypes.add(str(arr.dtype))
        return float(arr)

    def step(self):
        before = int(np.asarray(self.optimizer.iterations.value))
        self.optimizer.apply_gradients(zip(self._g, self.vars))
        assert int(np.asarray(self.optimizer.iterations.value)) == before + 1

    def state(self):
        out = {}
        for fname, tname in STATE_NAMES["keras"].get(self.case["optimizer"], []):
            vs = getattr(self.optimizer, fname)
            assert len(vs) == len(self.vars)
            for var, sv in zip(self.vars, vs):
                assert sv is vs[self.optimizer._get_variable_index(var)]
            out[tname] = self._flat_vals([sv.value for sv in vs])
        return out


class OptaxRunner:
    def __init__(self, lesson, case):
        self.lesson, self.case = lesson, case
        self.acts = [act for act, _, _ in lesson.layers]
        self.params = [{"W": jnp.asarray(W), "b": jnp.asarray(b)} for _, W, b in lesson.layers]
        self.optimizer = eval(case["recipe"], {"optax": optax})
        self.schedule = None
        if case.get("_schedule_expr"):
            assert case["_schedule_expr"] in case["recipe"]
            self.schedule = eval(case["_schedule_expr"], {"optax": optax})
        self.opt_state = self.optimizer.init(self.params)
        self._g = None
        self.lr_dtypes = set()
        self._count = 0

        def data_loss(params, x, y):
            a = x
            for act, p in zip(self.acts, params):
                z = a @ p["W"].T + p["b"]
                if act == "sigmoid":
                    a = jax.nn.sigmoid(z)
                elif act == "tanh":
                    a = jnp.tanh(z)
                elif act == "relu":
                    a = jax.nn.relu(z)
                elif act == "softmax":
                    a = z  # logits, for optax.softmax_cross_entropy
                else:
                    a = z
            if lesson.loss == "cross_entropy":
                per = optax.softmax_cross_entropy(a, y)
            elif lesson.loss == "half_sse":
                per = 0.5 * jnp.sum((y - a) ** 2, axis=1)
            elif lesson.loss == "mse":
                per = jnp.sum((y - a) ** 2, axis=1) / y.shape[1]
            else:
                per = -jnp.sum(y * jnp.log(a) + (1 - y) * jnp.log(1 - a), axis=1)
            return jnp.mean(per)

        def total_loss(params, x, y):
            loss = data_loss(params, x, y)
            if case["l2"]:
                loss = loss + 0.5 * case["l2"] * sum(jnp.sum(leaf ** 2) for leaf in jax.tree.leaves(params))
            return loss

        self.total_loss = total_loss
        self.grad_total = jax.grad(total_loss)
        self.grad_data = jax.grad(data_loss)

    def _flat_tree(self, tree):
        return self.lesson.flatten([np.asarray(p["W"]) for p in tree], [np.asarray(p["b"]) for p in tree])

    def w(self):
        return self._flat_tree(self.params)

    def loss_at(self, flat, idx):
        Ws, bs = self.lesson.unflatten(flat)
        params = [{"W": jnp.asarray(W), "b": jnp.asarray(b)} for W, b in zip(Ws, bs)]
        return float(self.total_loss(params, self.lesson.X[idx], self.lesson.Y[idx]))

    def grads(self, idx):
        x, y = self.lesson.X[idx], self.lesson.Y[idx]
        self._g = self.grad_total(self.params, x, y)
        g_data = self._flat_tree(self.grad_data(self.params, x, y)) if self.case["l2"] else None
        return self._flat_tree(self._g), g_data

    def _schedule_state(self):
        found = []

        def walk(node):
            if isinstance(node, optax.ScaleByScheduleState):
                found.append(node)
            elif isinstance(node, (tuple, list)):
                for child in node:
                    walk(child)

        walk(self.opt_state)
        assert len(found) == 1
        return found[0]

    def lr(self):
        if self.schedule is None:
            return self.case["_lr"]
        count = self._schedule_state().count
        assert int(count) == self._count
        val = np.asarray(self.schedule(count))
        if val.dtype != np.float64:
            self.lr_dtypes.add(str(val.dtype))
        return float(val)

    def step(self):
        updates, self.opt_state = self.optimizer.update(self._g, self.opt_state, self.params)
        self.params = optax.apply_updates(self.params, updates)
        self._count += 1

    def state(self):
        out = {}
        for fname, tname in STATE_NAMES["optax"].get(self.case["optimizer"], []):
            tree = optax.tree_utils.tree_get(self.opt_state, fname)
            out[tname] = self._flat_tree(tree)
        return out


RUNNERS = {"pytorch": TorchRunner, "keras": KerasRunner, "optax": OptaxRunner}


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

def r(x):
    return repr(float(x))


def hyper(opt, s0=None):
    if opt in ("gd", "sgd"):
        return {"eta": ETA_GD}
    if opt in ("momentum", "nesterov"):
        return {"eta": MOM_ETA, "beta": MOM_BETA}
    if opt == "adagrad":
        return {"eta": ADAGRAD_ETA, "epsilon": ADAGRAD_EPS, "initial_accumulator": s0}
    if opt == "rmsprop":
        return {"eta": RMS_ETA, "rho": RMS_RHO, "epsilon": RMS_EPS}
    if opt == "adam":
        return {"eta": ADAM_ETA, "beta1": ADAM_B1, "beta2": ADAM_B2, "epsilon": ADAM_EPS}
    if opt == "adamw":
        return {"eta": ADAM_ETA, "beta1": ADAM_B1, "beta2": ADAM_B2, "epsilon": ADAM_EPS,
                "lambda": ADAMW_LAMBDA}
    if opt == "amsgrad":
        return {"eta": ADAM_ETA, "beta1": ADAM_B1, "beta2": AMSGRAD_B2, "epsilon": ADAM_EPS}
    raise ValueError(opt)


def recipe(framework, opt, hp, convention, lr_expr=None):
    """The exact constructor string.  lr_expr replaces the learning rate
    (a schedule expression, or eta*(1-beta) for the lecture's momentum)."""
    eta = lr_expr if lr_expr is not None else r(hp["eta"])
    if framework == "pytorch":
        if opt in ("gd", "sgd"):
            return f"torch.optim.SGD(params, lr={eta})"
        if opt == "momentum":
            return f"torch.optim.SGD(params, lr={eta}, momentum={r(hp['beta'])})"
        if opt == "nesterov":
            return f"torch.optim.SGD(params, lr={eta}, momentum={r(hp['beta'])}, nesterov=True)"
        if opt == "adagrad":
            return (f"torch.optim.Adagrad(params, lr={eta}, eps={r(hp['epsilon'])}, "
                    f"initial_accumulator_value={r(hp['initial_accumulator'])})")
        if opt == "rmsprop":
            return f"torch.optim.RMSprop(params, lr={eta}, alpha={r(hp['rho'])}, eps={r(hp['epsilon'])})"
        if opt == "adam":
            return (f"torch.optim.Adam(params, lr={eta}, betas=({r(hp['beta1'])}, {r(hp['beta2'])}), "
                    f"eps={r(hp['epsilon'])})")
        if opt == "adamw":
            return (f"torch.optim.AdamW(params, lr={eta}, betas=({r(hp['beta1'])}, {r(hp['beta2'])}), "
                    f"eps={r(hp['epsilon'])}, weight_decay={r(hp['lambda'])})")
        if opt == "amsgrad":
            return (f"torch.optim.Adam(params, lr={eta}, betas=({r(hp['beta1'])}, {r(hp['beta2'])}), "
                    f"eps={r(hp['epsilon'])}, amsgrad=True)")
    if framework == "keras":
        if opt in ("gd", "sgd"):
            return f"keras.optimizers.SGD(learning_rate={eta})"
        if opt == "momentum":
            return f"keras.optimizers.SGD(learning_rate={eta}, momentum={r(hp['beta'])})"
        if opt == "nesterov":
            return f"keras.optimizers.SGD(learning_rate={eta}, momentum={r(hp['beta'])}, nesterov=True)"
        if opt == "adagrad":
            return (f"keras.optimizers.Adagrad(learning_rate={eta}, "
                    f"initial_accumulator_value={r(hp['initial_accumulator'])}, epsilon={r(hp['epsilon'])})")
        if opt == "rmsprop":
            return f"keras.optimizers.RMSprop(learning_rate={eta}, rho={r(hp['rho'])}, epsilon={r(hp['epsilon'])})"
        if opt == "adam":
            return (f"keras.optimizers.Adam(learning_rate={eta}, beta_1={r(hp['beta1'])}, "
                    f"beta_2={r(hp['beta2'])}, epsilon={r(hp['epsilon'])})")
        if opt == "adamw":
            return (f"keras.optimizers.AdamW(learning_rate={eta}, weight_decay={r(hp['lambda'])}, "
                    f"beta_1={r(hp['beta1'])}, beta_2={r(hp['beta2'])}, epsilon={r(hp['epsilon'])})")
        if opt == "amsgrad":
            return (f"keras.optimizers.Adam(learning_rate={eta}, beta_1={r(hp['beta1'])}, "
                    f"beta_2={r(hp['beta2'])}, epsilon={r(hp['epsilon'])}, amsgrad=True)")
    if framework == "optax":
        if opt in ("gd", "sgd"):
            return f"optax.sgd({eta})"
        if opt == "momentum":
            return f"optax.sgd({eta}, momentum={r(hp['beta'])})"
        if opt == "nesterov":
            return f"optax.sgd({eta}, momentum={r(hp['beta'])}, nesterov=True)"
        if opt == "adagrad":
            return (f"optax.adagrad({eta}, initial_accumulator_value={r(hp['initial_accumulator'])}, "
                    f"eps={r(hp['epsilon'])})")
        if opt == "rmsprop":
            extra = ", eps_in_sqrt=False" if convention == "pytorch" else ""
            return f"optax.rmsprop({eta}, decay={r(hp['rho'])}, eps={r(hp['epsilon'])}{extra})"
        if opt in ("adam", "adamw", "amsgrad"):
            if convention == "lecture":
                eps = f"eps=0.0, eps_root={r(hp['epsilon'])}"
            else:
                eps = f"eps={r(hp['epsilon'])}"
            wd = f", weight_decay={r(hp['lambda'])}" if opt == "adamw" else ""
            return f"optax.{opt}({eta}, b1={r(hp['beta1'])}, b2={r(hp['beta2'])}, {eps}{wd})"
    raise ValueError((framework, opt))


def schedule_exprs(framework, sched, eta, float_steps=False):
    """(learning-rate expression or None, torch scheduler string or None).
    float_steps: Optax's transition_steps written as a float (2.0), which keeps
    exponential_decay in float64 (see README.md)."""
    if sched["name"] == "step":
        K, gamma = sched["every"], sched["gamma"]
        if framework == "pytorch":
            return None, f"torch.optim.lr_scheduler.StepLR(optimizer, step_size={K}, gamma={r(gamma)})"
        if framework == "keras":
            return (f"keras.optimizers.schedules.ExponentialDecay({r(eta)}, decay_steps={K}, "
                    f"decay_rate={r(gamma)}, staircase=True)"), None
        steps = r(K) if float_steps else K
        return (f"optax.exponential_decay({r(eta)}, transition_steps={steps}, decay_rate={r(gamma)}, "
                f"staircase=True)"), None
    T, lo = sched["period"], sched["eta_min"]
    A = lo / eta
    if framework == "pytorch":
        return None, f"torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max={T}, eta_min={r(lo)})"
    if framework == "keras":
        return f"keras.optimizers.schedules.CosineDecay({r(eta)}, decay_steps={T}, alpha={r(A)})", None
    return f"optax.cosine_decay_schedule({r(eta)}, decay_steps={T}, alpha={r(A)})", None


def make_case(lesson, opt, framework, convention, batch_size, *, s0=None, reproduces=True,
              schedule=None, l2=None, prefix="", suffix="", steps=None, note=None,
              lr_float32=False, float_steps=False, hp=None):
    hp = {**hyper(opt, s0), **(hp or {})}
    lr_expr, sched_str, sched_expr = None, None, None
    lr_value = hp["eta"]
    if opt in ("momentum", "nesterov") and convention == "lecture":
        lr_value = hp["eta"] * (1 - hp["beta"])
        # written as the product, as a handout's recipe writes it; Python evaluates it to lr_value
        lr_expr = f"{r(hp['eta'])} * (1 - {r(hp['beta'])})"
        assert eval(lr_expr) == lr_value
    if schedule is not None:
        assert lr_expr is None or framework == "pytorch"
        expr, sched_str = schedule_exprs(framework, schedule, lr_value, float_steps)
        if expr is not None:
            lr_expr = sched_expr = expr
        if framework == "pytorch" and schedule["name"] == "cosine":
            assert lr_value == hp["eta"]  # eta_min would need scaling too
    name = f"{prefix}{lesson}-{opt}-{framework}-{convention}{suffix}"
    case = {
        "name": name,
        "lesson": LESSONS[lesson],
        "framework": framework,
        "optimizer": opt,
        "convention": convention,
        "reproduces": reproduces,
        "note": note,
        "recipe": recipe(framework, opt, hp, convention, lr_expr),
        "scheduler": sched_str,
        "hyperparameters": hp,
        "steps": steps if steps is not None else (5 if schedule else 4),
        "batch_size": batch_size,
        "schedule": schedule,
        "l2": l2,
        # private (not written): which lesson object, the framework's lr, the schedule expression
        "_lesson": lesson,
        "_lr": lr_value,
        "_schedule_expr": sched_expr,
        "_lr_float32": lr_float32,
    }
    if opt in ("momentum", "nesterov") and convention == "lecture" and note is None:
        case["note"] = (f"The lecture's {opt} through {framework}: learning rate eta*(1-beta) = "
                        f"{r(lr_value)}. The framework's momentum variable is not the lecture's v, so no "
                        "v is recorded. Each step's lr is the framework's learning rate, eta = lr/(1-beta).")
    return case


def build_cases():
    C = []
    # gd (full batch) and sgd (batch 1): own convention on two lessons, lecture on a third.
    for fw in FRAMEWORKS:
        C.append(make_case("mazur", "gd", fw, fw, "full"))
        C.append(make_case("tanh-sigmoid", "gd", fw, fw, "full"))
        C.append(make_case("linear-mse", "gd", fw, "lecture", "full"))
        C.append(make_case("tanh-sigmoid", "sgd", fw, fw, 1))
        C.append(make_case("logistic-bce", "sgd", fw, fw, 1))
        C.append(make_case("linear-mse", "sgd", fw, "lecture", 1))
    # momentum: own with lr = eta; lecture with lr = eta*(1-beta).
    for fw in FRAMEWORKS:
        C.append(make_case("mazur", "momentum", fw, fw, "full"))
        C.append(make_case("tanh-sigmoid", "momentum", fw, fw, 1))
        C.append(make_case("logistic-bce", "momentum", fw, "lecture", 1))
    # nesterov (nesterov=True): as momentum
    for fw in FRAMEWORKS:
        C.append(make_case("mazur", "nesterov", fw, fw, "full"))
        C.append(make_case("tanh-sigmoid", "nesterov", fw, fw, 1))
        C.append(make_case("logistic-bce", "nesterov", fw, "lecture", 1))
    # adagrad
    C.append(make_case("mazur", "adagrad", "pytorch", "pytorch", "full", s0=0.0))
    C.append(make_case("tanh-sigmoid", "adagrad", "pytorch", "pytorch", 1, s0=0.0))
    C.append(make_case("logistic-bce", "adagrad", "pytorch", "pytorch", 1, s0=0.1, suffix="-s0.1"))
    for fw in ("keras", "optax"):
        C.append(make_case("mazur", "adagrad", fw, fw, "full", s0=0.1))
        C.append(make_case("tanh-sigmoid", "adagrad", fw, fw, 1, s0=0.1))
    C.append(make_case("logistic-bce", "adagrad", "keras", "lecture", "full", s0=0.0))
    C.append(make_case("logistic-bce", "adagrad", "optax", "lecture", 1, s0=0.0))
    C.append(make_case("tanh-sigmoid", "adagrad", "optax", "lecture", "full", s0=0.1, suffix="-s0.1"))
    # rmsprop
    for fw in FRAMEWORKS:
        C.append(make_case("tanh-sigmoid", "rmsprop", fw, fw, "full"))
        C.append(make_case("logistic-bce", "rmsprop", fw, fw, 1))
    C.append(make_case("mazur", "rmsprop", "keras", "lecture", "full"))
    C.append(make_case("tanh-sigmoid", "rmsprop", "optax", "lecture", 1))
    C.append(make_case("logistic-bce", "rmsprop", "optax", "pytorch", "full"))
    # adam
    for fw in FRAMEWORKS:
        C.append(make_case("mazur", "adam", fw, fw, "full"))
        C.append(make_case("tanh-sigmoid", "adam", fw, fw, 1))
    C.append(make_case("logistic-bce", "adam", "optax", "lecture", 1))
    C.append(make_case("tanh-sigmoid", "adam", "optax", "pytorch", "full"))
    C.append(make_case("logistic-bce", "adam", "pytorch", "optax", "full"))
    # adamw
    for fw in FRAMEWORKS:
        C.append(make_case("tanh-sigmoid", "adamw", fw, fw, "full"))
        C.append(make_case("logistic-bce", "adamw", fw, fw, 1))
    C.append(make_case("mazur", "adamw", "optax", "lecture", "full"))
    C.append(make_case("tanh-sigmoid", "adamw", "optax", "pytorch", 1))
    C.append(make_case("mazur", "adamw", "pytorch", "optax", "full"))
    # (a) schedules: Adam in each framework's own convention, step and cosine
    step = {"name": "step", "gamma": STEP_GAMMA, "every": STEP_EVERY}
    cosine = {"name": "cosine", "eta_min": COS_ETA_MIN, "period": COS_PERIOD}
    f32 = ("{what} returns float32 learning rates even with jax_enable_x64 and float64 parameters "
           "({why}), so every eta_t is a float32 value (recorded in `eta`: {first} at t = 1) and "
           "the run differs from trace's float64 eta_t by about 2e-8 relative. Fed these eta_t, "
           "conventions.md's {fw} formula reproduces the run to 1e-15.")
    for fw in FRAMEWORKS:
        if fw == "optax":
            note = f32.format(what="optax.exponential_decay(..., transition_steps=2)",
                              why="the int32 step count divided by the int transition_steps is float32 in JAX",
                              first="0.009999999776482582", fw=fw)
            C.append(make_case("tanh-sigmoid", "adam", fw, fw, "full", schedule=step, prefix="sched-step-",
                               reproduces=False, note=note, lr_float32=True))
            C.append(make_case("tanh-sigmoid", "adam", fw, fw, "full", schedule=step, prefix="sched-step-",
                               suffix="-float-steps", float_steps=True,
                               note="transition_steps=2.0 (a float) keeps optax.exponential_decay in float64."))
        else:
            C.append(make_case("tanh-sigmoid", "adam", fw, fw, "full", schedule=step, prefix="sched-step-"))
        if fw == "keras":
            note = f32.format(what="keras.optimizers.schedules.CosineDecay on the JAX backend",
                              why="keras.ops.cos casts float64 to float32: Keras's result_type maps 64-bit "
                                  "dtypes to 32-bit on every backend but TensorFlow",
                              first="0.009999999776482582", fw=fw)
            C.append(make_case("logistic-bce", "adam", fw, fw, 1, schedule=cosine, prefix="sched-cosine-",
                               reproduces=False, note=note, lr_float32=True))
        else:
            C.append(make_case("logistic-bce", "adam", fw, fw, 1, schedule=cosine, prefix="sched-cosine-"))
    C.append(make_case("tanh-sigmoid", "momentum", "pytorch", "lecture", 1, schedule=step,
                       prefix="sched-step-"))
    # (b) L2 as a loss term 0.5*l2*sum(w^2) over all parameters
    C.append(make_case("tanh-sigmoid", "adam", "optax", "lecture", 1, l2=L2, prefix="l2-"))
    C.append(make_case("logistic-bce", "momentum", "pytorch", "pytorch", "full", l2=L2, prefix="l2-"))
    # (c) cannot: the natural call, which does not reproduce the convention
    C.append(make_case("mazur", "adam", "pytorch", "lecture", "full", reproduces=False, prefix="cannot-",
                       note="torch.optim.Adam adds eps outside the square root: m_hat/(sqrt(v_hat)+eps), "
                            "the lecture inside: m_hat/sqrt(v_hat+eps)."))
    C.append(make_case("tanh-sigmoid", "adam", "keras", "lecture", "full", reproduces=False, prefix="cannot-",
                       note="keras.optimizers.Adam: lr*sqrt(1-beta2^t)/(1-beta1^t)*m/(sqrt(v)+eps), "
                            "eps outside the root and on the uncorrected v; the lecture: "
                            "eta*m_hat/sqrt(v_hat+eps)."))
    C.append(make_case("tanh-sigmoid", "adagrad", "pytorch", "lecture", 1, s0=0.0, reproduces=False,
                       prefix="cannot-",
                       note="torch.optim.Adagrad: lr*g/(sqrt(s)+eps); the lecture: eta*g/sqrt(s+eps)."))
    C.append(make_case("logistic-bce", "adam", "keras", "pytorch", 1, reproduces=False, prefix="cannot-",
                       note="keras.optimizers.Adam's eps is 'epsilon hat': in the m_hat/v_hat form it is "
                            "eps/sqrt(1-beta2^t), not PyTorch's eps."))
    C.append(make_case("mazur", "rmsprop", "pytorch", "lecture", "full", reproduces=False, prefix="cannot-",
                       note="torch.optim.RMSprop: lr*g/(sqrt(ss)+eps); the lecture: eta*g/sqrt(ss+eps)."))
    # softmax with cross-entropy: PyTorch's CrossEntropyLoss on logits, Keras's
    # CategoricalCrossentropy on a softmax layer, Optax's softmax_cross_entropy on logits
    for fw in FRAMEWORKS:
        C.append(make_case("softmax-ce", "gd", fw, fw, "full"))
        C.append(make_case("softmax-ce", "adam", fw, fw, 1))
    C.append(make_case("softmax-ce", "momentum", "pytorch", "pytorch", 1))
    C.append(make_case("softmax-ce", "adam", "optax", "lecture", "full"))
    # amsgrad (PyTorch's and Keras's amsgrad=True, optax.amsgrad), batches of one sample so
    # that the moments fall: each framework's own convention on two lessons, the lecture's
    # through Optax (eps_root), and the natural calls that cannot give another convention
    for fw in FRAMEWORKS:
        C.append(make_case("tanh-sigmoid", "amsgrad", fw, fw, 1))
        C.append(make_case("logistic-bce", "amsgrad", fw, fw, 1))
    C.append(make_case("tanh-sigmoid", "amsgrad", "optax", "lecture", 1))
    C.append(make_case("logistic-bce", "amsgrad", "optax", "lecture", 1, suffix="-b2-0.999",
                       hp={"beta2": ADAM_B2}))
    C.append(make_case("tanh-sigmoid", "amsgrad", "pytorch", "lecture", 1, reproduces=False, prefix="cannot-",
                       note="torch.optim.Adam(amsgrad=True) keeps the maximum of v (before the bias correction) "
                            "and adds eps outside the square root; the lecture's form keeps the maximum of v_hat "
                            "and adds eps inside: m_hat/sqrt(v_max+eps)."))
    C.append(make_case("tanh-sigmoid", "amsgrad", "pytorch", "optax", 1, reproduces=False, prefix="cannot-",
                       note="torch.optim.Adam(amsgrad=True) keeps the maximum of v, optax.amsgrad of "
                            "v_hat = v/(1-beta2^t): sqrt(max(v)/(1-beta2^t)) against sqrt(max(v_hat))."))
    C.append(make_case("logistic-bce", "amsgrad", "optax", "pytorch", 1, reproduces=False, prefix="cannot-",
                       note="optax.amsgrad keeps the maximum of v_hat = v/(1-beta2^t), torch.optim.Adam(amsgrad=True) "
                            "of v; same eps placement."))
    C.append(make_case("logistic-bce", "amsgrad", "keras", "lecture", 1, reproduces=False, prefix="cannot-",
                       note="keras.optimizers.Adam(amsgrad=True) keeps the maximum of v and adds eps to its "
                            "root before the bias correction; the lecture's form: m_hat/sqrt(v_max+eps), v_max of v_hat."))
    names = [c["name"] for c in C]
    assert len(names) == len(set(names)), "duplicate case names"
    return C


def recorded_state(case):
    """Trace names of the framework state recorded for this case."""
    opt, fw, conv = case["optimizer"], case["framework"], case["convention"]
    names = [tname for _, tname in STATE_NAMES[fw].get(opt, [])]
    if opt in ("momentum", "nesterov") and conv != fw:
        return []  # the framework's buffer is not the lecture's v
    if opt == "amsgrad" and (fw == "optax") != (conv in ("lecture", "optax")):
        # the framework's maximum is of the other moment: v (PyTorch, Keras) or v_hat (Optax)
        return [n for n in names if n != "v_max"]
    return names


# --------------------------------------------------------------------------
# Running and checking
# --------------------------------------------------------------------------

def amsgrad_steps_held(ref, convention, hp):
    """How many (step, parameter) pairs of an AMSGrad run have v_max above the moment it
    is the maximum of (v, or v_hat = v/(1-beta2^t)): where the maximum changes the step."""
    held = 0
    for t, st in enumerate(ref, start=1):
        v = st["state"]["v"]
        current = v if convention in ("pytorch", "keras") else v / (1 - hp["beta2"] ** t)
        held += int(np.sum(st["state"]["v_max"] > current))
    return held


def rel(a, b):
    a, b = float(a), float(b)
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def max_rel(xs, ys):
    return max(rel(a, b) for a, b in zip(np.ravel(xs), np.ravel(ys)))


def run_case(case, lesson):
    runner = RUNNERS[case["framework"]](lesson, case)
    keys = recorded_state(case)
    steps = []
    checks = {}
    for t in range(1, case["steps"] + 1):
        idx = lesson.batch(case["batch_size"], t)
        w = runner.w()
        lr = runner.lr()
        g, g_data = runner.grads(idx)
        if t == 1:
            # gradient vs numpy backprop and vs central finite differences of the framework's loss
            _, g_np = np_batch_loss_grad(lesson, w, idx)
            if case["l2"]:
                checks["grad_np_data"] = max_rel(g_data, g_np)
                g_np = g_np + case["l2"] * w
            checks["grad_np"] = max_rel(g, g_np)
            fd = np.empty_like(w)
            for k in range(len(w)):
                h = 1e-5 * max(1.0, abs(w[k]))
                wp, wm = w.copy(), w.copy()
                wp[k] += h
                wm[k] -= h
                fd[k] = (runner.loss_at(wp, idx) - runner.loss_at(wm, idx)) / (wp[k] - wm[k])
            checks["grad_fd"] = max_rel(g, fd)
        runner.step()
        w_new = runner.w()
        st = runner.state()
        conv_is_lecture_momentum = case["optimizer"] in ("momentum", "nesterov") and case["convention"] == "lecture"
        eta = lr / (1 - case["hyperparameters"]["beta"]) if conv_is_lecture_momentum else lr
        step = {"t": t, "eta": eta}
        if conv_is_lecture_momentum:
            step["lr"] = lr
        step["batch"] = [k + 1 for k in idx]
        params = {}
        for k, name in enumerate(lesson.names):
            p = {"w": float(w[k])}
            if case["l2"]:
                p["g_data"] = float(g_data[k])
            p["g"] = float(g[k])
            for key in keys:
                p[key] = float(st[key][k])
            p["w_new"] = float(w_new[k])
            params[name] = p
        step["parameters"] = params
        steps.append(step)
    checks["lr_dtypes"] = sorted(getattr(runner, "lr_dtypes", set()))
    return steps, checks


def compare(case, lesson, steps, ref, keys):
    """Largest relative difference between the recorded steps and a numpy run."""
    worst = 0.0
    where = None
    for s, rs in zip(steps, ref):
        assert s["batch"] == [k + 1 for k in rs["batch"]]
        for k, name in enumerate(lesson.names):
            p = s["parameters"][name]
            pairs = [("w", rs["w"][k]), ("g", rs["g"][k]), ("w_new", rs["w_new"][k])]
            if case["l2"]:
                pairs.append(("g_data", rs["g_data"][k]))
            for key in keys:
                pairs.append((key, rs["state"][key][k]))
            for key, val in pairs:
                d = rel(p[key], val)
                if d > worst:
                    worst, where = d, f"t={s['t']} {name} {key}"
    return worst, where


def framework_facts():
    """float64 traps found while building these fixtures (printed, not asserted;
    the float32 schedule cases assert theirs)."""
    x = np.array([0.3, -0.7])
    kt = keras.ops.tanh(x).dtype
    xm = np.array([0.1, 0.2, 0.7])
    km = "float32" if float(keras.ops.mean(xm)) == float(np.float32(np.mean(xm))) != float(np.mean(xm)) \
        else "float64"
    kc = keras.ops.cos(x).dtype
    kd = keras.optimizers.schedules.CosineDecay(0.01, decay_steps=4, alpha=0.1)(jnp.asarray(1, jnp.int32)).dtype
    oe = optax.exponential_decay(0.01, transition_steps=2, decay_rate=0.5, staircase=True)(
        jnp.asarray(1, jnp.int32)).dtype
    of = optax.exponential_decay(0.01, transition_steps=2.0, decay_rate=0.5, staircase=True)(
        jnp.asarray(1, jnp.int32)).dtype
    print(f"float64 input -> keras.ops.tanh {kt}, keras.ops.mean computes in {km} (returns float64), keras.ops.cos {kc}; "
          f"keras CosineDecay {kd}; optax.exponential_decay transition_steps=2 {oe}, =2.0 {of}")


def main():
    print(f"python {platform.python_version()}, torch {torch.__version__}, keras {keras.__version__} "
          f"(backend {keras.backend.backend()}, floatx {keras.config.floatx()}), jax {jax.__version__}, "
          f"optax {optax.__version__}, numpy {np.__version__}")
    assert keras.backend.backend() == "jax"
    assert jnp.zeros(1).dtype == jnp.float64
    framework_facts()
    lessons = {k: Lesson(k) for k in LESSONS}
    cases = build_cases()
    failures = []
    out_cases = []
    per_fw = {fw: 0 for fw in FRAMEWORKS}
    print(f"{len(cases)} cases")
    hdr = f"{'case':58s} {'grad-np':>9s} {'grad-fd':>9s} {'formula':>9s} {'other':>9s}"
    print(hdr)
    for case in cases:
        lesson = lessons[case["_lesson"]]
        t0 = time.perf_counter()
        steps, checks = run_case(case, lesson)
        keys = recorded_state(case)
        fw, conv = case["framework"], case["convention"]
        notes = []
        ok = True
        if checks["grad_np"] > TOL_SAME or checks.get("grad_np_data", 0.0) > TOL_SAME:
            ok = False
            notes.append(f"gradient vs numpy backprop {checks['grad_np']:.2e}")
        if checks["grad_fd"] > TOL_FD:
            ok = False
            notes.append(f"gradient vs finite difference {checks['grad_fd']:.2e}")
        other = ""
        recorded_etas = [st["eta"] for st in steps]
        closed_etas = [schedule_eta(case["hyperparameters"]["eta"], case["schedule"], t)
                       for t in range(1, case["steps"] + 1)]
        if case["optimizer"] == "amsgrad":
            # the maximum must be taken somewhere, in the case's convention and in the
            # framework's own, or the case would not tell AMSGrad from Adam
            for c in sorted({conv, fw}):
                held = amsgrad_steps_held(np_run(lesson, case, c), c, case["hyperparameters"])
                notes.append(f"v_max above the current moment (numpy, {c}) at {held} of "
                             f"{case['steps'] * len(lesson.names)} parameter-steps")
                if held == 0:
                    ok = False
        if case["reproduces"]:
            ref = np_run(lesson, case, conv)
            d, where = compare(case, lesson, steps, ref, keys)
            if d > TOL_SAME:
                ok = False
                notes.append(f"vs numpy {conv} formula: {d:.3e} at {where}")
        else:
            # agrees with the framework's own formula (fed the framework's own
            # eta_t where that is float32), differs from the convention's
            own_etas = recorded_etas if case["_lr_float32"] else None
            ref = np_run(lesson, case, fw, etas=own_etas)
            d, where = compare(case, lesson, steps, ref, keys)
            if d > TOL_SAME:
                ok = False
                notes.append(f"vs numpy {fw} formula{' fed its own eta_t' if own_etas else ''}: "
                             f"{d:.3e} at {where}")
            ref_conv = np_run(lesson, case, conv)
            dd, where2 = compare(case, lesson, steps, ref_conv, keys)
            other = f"{dd:9.2e}"
            notes.append(f"differs from numpy {conv} formula by {dd:.3e} (at {where2})")
            if not dd > TOL_DIFFER:
                ok = False
                notes.append(f"does NOT differ from {conv} by more than {TOL_DIFFER}")
        # eta: the framework's learning rate against the closed form
        # (for the lecture's momentum: lr/(1-beta), and lr against eta_t*(1-beta))
        eta_d = max(rel(x, y) for x, y in zip(recorded_etas, closed_etas))
        eta_exact = sum(x == y for x, y in zip(recorded_etas, closed_etas))
        if case["schedule"] is not None or "lr" in steps[0] or eta_d > 0:
            notes.append(f"eta vs closed form: max rel {eta_d:.2e}, {eta_exact}/{len(steps)} bit-equal "
                         f"{recorded_etas}")
        if "lr" in steps[0]:
            lr_d = max(rel(st["lr"], y * (1 - case["hyperparameters"]["beta"]))
                       for st, y in zip(steps, closed_etas))
            notes.append(f"framework lr vs eta_t*(1-beta): max rel {lr_d:.2e}")
            if lr_d > TOL_SAME:
                ok = False
        if case["_lr_float32"]:
            if checks["lr_dtypes"] != ["float32"] or any(float(np.float32(x)) != x for x in recorded_etas):
                ok = False
                notes.append(f"expected float32 learning rates, got {checks['lr_dtypes']}")
            else:
                notes.append("KNOWN: the framework's learning rates are float32 values")
        else:
            if checks["lr_dtypes"]:
                ok = False
                notes.append(f"framework learning rate dtype {checks['lr_dtypes']}")
            if eta_d > TOL_SAME:
                ok = False
                notes.append(f"eta differs from the closed form by {eta_d:.2e}")
        print(f"{'ok  ' if ok else 'FAIL'}{case['name']:54s} {checks['grad_np']:9.2e} {checks['grad_fd']:9.2e} "
              f"{d:9.2e} {other:>9s}  ({time.perf_counter() - t0:.2f}s)")
        for n in notes:
            print(f"      {n}")
        if not ok:
            failures.append(case["name"])
        per_fw[fw] += 1
        oc = {k: v for k, v in case.items() if not k.startswith("_")}
        oc["parameters"] = list(lesson.names)
        oc["expected"] = steps
        out_cases.append(oc)

    print()
    print("cases per framework: " + ", ".join(f"{fw} {n}" for fw, n in per_fw.items()))
    print("reproduces true/false: "
          f"{sum(c['reproduces'] for c in cases)}/{sum(not c['reproduces'] for c in cases)}")
    if failures:
        print(f"{len(failures)} FAILED: {', '.join(failures)}")
        print("nothing written")
        sys.exit(1)

    doc = {
        "generated_by": "Tests/Fixtures/frameworks/make_framework_fixtures.py",
        "versions": {
            "torch": str(torch.__version__),
            "keras": keras.__version__,
            "jax": jax.__version__,
            "jaxlib": jaxlib.__version__,
            "optax": optax.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "cases": out_cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"all checks passed; wrote {OUT.relative_to(FIXTURES.parent.parent)} "
          f"({OUT.stat().st_size} bytes) in {time.perf_counter() - T_START:.1f}s")


if __name__ == "__main__":
    main()
