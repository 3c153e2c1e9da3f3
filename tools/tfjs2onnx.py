#!/usr/bin/python3
"""tfjs2onnx.py - convert a TensorFlow.js *graph model* (model.json + .bin) to ONNX.

Dependencies: only the Debian 12 packages python3-onnx (onnx 1.12) and
python3-numpy (1.24).  Run it with the system interpreter:

    /usr/bin/python3 tools/tfjs2onnx.py MODEL.json OUT.onnx [--name NAME]

--name sets the ONNX graph name (default: MODEL.json's basename without .json).
The converter prints the input and every output (index, name, shape) and exits 1
with a clear message on an unsupported op (naming op and node) or when
onnx.checker.check_model rejects the result.  The output is deterministic: the
same input files always give the same bytes.

Weights
    weightsManifest groups are read in order, the shards of each group
    concatenated in order (TFJS semantics).  Supported dtypes: float32, int32,
    bool; quantized weights ("quantization": {dtype: uint8|uint16|float16,
    scale, min}) are de-quantized exactly as TFJS does (q*scale+min computed in
    double precision and rounded to float32; float16 widened to float32).

Produced model
    * ONNX opset 11 (what OpenCV 4.6 DNN handles best), IR version 7.
    * A single input named "input": float32, NCHW, fixed batch 1
      ([1, C, H, W]).  The TFJS model takes NHWC [1, H, W, C]: feed the same
      pixels transposed.
    * Outputs, in this order (the order of TFJS GraphModel.outputs, i.e. what
      model.execute(x) returns with no output names given):
        - if the model has a signature (model.json "signature" or
          "userDefinedMetadata.signature"): the signature outputs in the order
          the JSON lists them, each named after its signature key with a
          trailing ":0" removed (e.g. "output_mesh", "Identity_3");
        - otherwise: every graph node that has no consumer, in node order,
          named after the node.
      Every output has exactly the TFJS shape (batch 1) and element order
      (row-major in TFJS's NHWC/plain layout).

Layout strategy
    The TFJS graph is NHWC.  Every tensor tracks its static TF shape (batch 1,
    all shapes are static: shape inference is done during conversion) and a
    layout: "nchw" (a 4-D TF tensor stored transposed as NCHW in ONNX) or
    "plain" (stored exactly like TF).  Convolutions, pooling, Pad, PRelu,
    elementwise ops, Concat on 4-D tensors (axis remapped), Mean over H,W,
    resize and depth-to-space work directly in NCHW; constant operands are
    transposed at conversion time.  A Transpose back to NHWC is inserted only
    where the NHWC memory order matters (Reshape/flatten, Squeeze, Softmax,
    MatMul inputs, generic reductions, graph outputs, ...); when the
    transposition does not move data (e.g. C == 1 or H == W == 1) a constant
    Reshape is used instead.  Subgraphs that only compute constants
    (Shape -> StridedSlice -> Pack -> Reshape target, etc.) are folded with numpy.

Supported TF ops
    Placeholder Const Identity StopGradient Snapshot NoOp(ignored as control)
    Conv2D _FusedConv2D DepthwiseConv2dNative FusedDepthwiseConv2dNative
        (fused_ops: BiasAdd, Relu, Relu6, Elu, Prelu, LeakyRelu, Sigmoid, Tanh)
    MatMul _FusedMatMul (same fused ops)   BiasAdd
    Add AddV2 Sub Mul RealDiv Div Maximum Minimum AddN SquaredDifference
    Relu Relu6 Elu LeakyRelu Prelu Sigmoid Tanh Softmax Exp Log Sqrt Rsqrt
        Square Neg Abs
    MaxPool AvgPool Mean Sum Max Min (reductions)  Pad PadV2 MirrorPad(REFLECT)
    Reshape Squeeze ExpandDims Transpose ConcatV2 ResizeBilinear
    ResizeNearestNeighbor DepthToSpace FusedBatchNorm(V3) Cast
    constant-only (folded): Shape StridedSlice Pack Unpack Slice Fill Range
        Prod and any of the above when all inputs are constant.

OpenCV 4.6 notes
    No Clip: OpenCV 4.6 only parses the opset<11 attribute form of Clip, and it
    rejects Min/Max with a constant operand.  Max(x,0) -> Relu,
    Min(x,0) -> Neg(Relu(Neg(x))), other scalar bounds (e.g. relu6's 6) ->
    Min/Max against x*0+c (bit-exact).  Depthwise conv -> Conv with group;
    PRelu slope is [C,1,1]; Pad/Reshape/Resize parameters are initializers;
    Mean over H,W -> GlobalAveragePool; MatMul with constant weights -> Gemm
    with transB=1 (OpenCV 4.6 rejects transB=0 with a bias);
    DepthToSpace is lowered to Reshape/Transpose/Reshape (OpenCV 4.6 lacks it).
"""

import argparse
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

OPSET = 11
FLT_MAX = float(np.finfo(np.float32).max)


class ConvertError(Exception):
    pass


# --------------------------------------------------------------------------
# model.json / weights
# --------------------------------------------------------------------------

_DT = {'float32': (np.float32, 4), 'int32': (np.int32, 4), 'bool': (np.bool_, 1)}
_TFDT = {'DT_FLOAT': np.float32, 'DT_INT32': np.int32, 'DT_BOOL': np.bool_,
         'DT_INT64': np.int64, 'DT_HALF': np.float16}


def load_weights(model_path, mj):
    base = os.path.dirname(os.path.abspath(model_path))
    weights = {}
    for group in mj.get('weightsManifest', []):
        buf = b''.join(open(os.path.join(base, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(s) for s in w['shape']]
            n = int(np.prod(shape)) if shape else 1
            dtype = w['dtype']
            q = w.get('quantization')
            if q:
                qd = q['dtype']
                if qd == 'float16':
                    arr = np.frombuffer(buf, '<f2', n, off).astype(np.float32)
                    off += 2 * n
                elif qd in ('uint8', 'uint16'):
                    size = 1 if qd == 'uint8' else 2
                    raw = np.frombuffer(buf, '<u1' if size == 1 else '<u2', n, off)
                    off += size * n
                    v = raw.astype(np.float64) * float(q['scale']) + float(q['min'])
                    if dtype == 'int32':
                        arr = np.floor(v + 0.5).astype(np.int32)  # Math.round
                    else:
                        arr = v.astype(np.float32)
                else:
                    raise ConvertError('weight %s: unsupported quantization dtype %s' % (w['name'], qd))
                if dtype == 'int32' and arr.dtype != np.int32:
                    arr = arr.astype(np.int32)
            else:
                if dtype not in _DT:
                    raise ConvertError('weight %s: unsupported dtype %s' % (w['name'], dtype))
                npdt, size = _DT[dtype]
                if npdt is np.bool_:
                    arr = np.frombuffer(buf, np.uint8, n, off).astype(np.bool_)
                else:
                    arr = np.frombuffer(buf, np.dtype(npdt).newbyteorder('<'), n, off).astype(npdt)
                off += size * n
            weights[w['name']] = arr.reshape(shape)
        if off != len(buf):
            raise ConvertError('weights manifest does not match shard size (%d used of %d bytes)' % (off, len(buf)))
    return weights


def attr_val(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None:
        return default
    if 's' in a:
        return base64.b64decode(a['s']).decode('utf-8', 'replace')
    if 'i' in a:
        return int(a['i'])
    if 'f' in a:
        return float(a['f'])
    if 'b' in a:
        return bool(a['b'])
    if 'type' in a:
        return a['type']
    if 'list' in a:
        lst = a['list']
        if 's' in lst:
            return [base64.b64decode(s).decode('utf-8', 'replace') for s in lst['s']]
        if 'i' in lst:
            return [int(i) for i in lst['i']]
        if 'f' in lst:
            return [float(f) for f in lst['f']]
        return []
    if 'shape' in a:
        return [int(d.get('size', -1)) for d in a['shape'].get('dim', [])]
    if 'tensor' in a:
        return a['tensor']
    return default


def parse_input_ref(ref):
    """'name', 'name:1' -> (name, index); control inputs return None."""
    if ref.startswith('^'):
        return None
    parts = ref.split(':')
    if len(parts) >= 2 and parts[-1].isdigit():
        return ':'.join(parts[:-1]), int(parts[-1])
    return ref, 0


# --------------------------------------------------------------------------
# tensors
# --------------------------------------------------------------------------

class T(object):
    """A converted tensor.  shape: static TF shape; layout: 'plain' or 'nchw'
    (rank-4 only: stored as NCHW in ONNX); const: numpy value in TF layout."""
    __slots__ = ('name', 'shape', 'layout', 'const')

    def __init__(self, name, shape, layout='plain', const=None):
        self.name = name
        self.shape = tuple(int(s) for s in shape)
        self.layout = layout
        self.const = const


def const_t(arr):
    arr = np.asarray(arr)
    return T(None, arr.shape, 'plain', arr)


NHWC2NCHW = (0, 3, 1, 2)
NCHW2NHWC = (0, 2, 3, 1)
AXIS_NHWC2NCHW = {0: 0, 1: 2, 2: 3, 3: 1}


def nchw_shape(s):
    return (s[0], s[3], s[1], s[2])


def mem_equiv_nchw_nhwc(shape):
    """True when transposing NCHW<->NHWC does not move any element."""
    n, h, w, c = shape
    return c == 1 or (h * w) == 1


class Converter(object):
    def __init__(self, model_path, graph_name):
        self.model_path = model_path
        with open(model_path, 'r') as f:
            self.mj = json.load(f)
        if self.mj.get('format') not in (None, 'graph-model'):
            raise ConvertError('not a graph model (format=%s)' % self.mj.get('format'))
        topo = self.mj['modelTopology']
        if 'node' not in topo:
            raise ConvertError('modelTopology has no "node" list (layers model?)')
        self.nodes = topo['node']
        self.by_name = {}
        for nd in self.nodes:
            self.by_name[nd['name']] = nd
        if topo.get('library', {}).get('function'):
            raise ConvertError('models with function libraries (control flow) are not supported')
        self.weights = load_weights(model_path, self.mj)
        self.graph_name = graph_name
        self.onnx_nodes = []
        self.inits = []
        self.used_names = set()
        self.vals = {}       # TF node name -> list of T (per output index)
        self.plain_cache = {}
        self.nchw_cache = {}
        self.cur = None      # node being converted (for messages)
        self.graph_input = None

    # -------------------------------------------------- naming / emission
    def uniq(self, hint):
        hint = hint or 't'
        name = hint
        i = 1
        while name in self.used_names:
            name = '%s__%d' % (hint, i)
            i += 1
        self.used_names.add(name)
        return name

    def init(self, arr, hint, dtype=None):
        arr = np.asarray(arr)
        if dtype is not None:
            arr = arr.astype(dtype)
        elif arr.dtype == np.float64:
            arr = arr.astype(np.float32)
        name = self.uniq(hint)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def emit(self, op, inputs, hint, nout=1, **attrs):
        outs = [self.uniq(hint if i == 0 else '%s:%d' % (hint, i)) for i in range(nout)]
        self.onnx_nodes.append(helper.make_node(op, list(inputs), outs, name=outs[0], **attrs))
        return outs[0] if nout == 1 else outs

    def hint(self, suffix=None):
        base = self.cur['name'] if self.cur is not None else 'x'
        return base if not suffix else base + '/' + suffix

    def fail(self, msg):
        nd = self.cur
        where = ' (node "%s", op %s)' % (nd['name'], nd['op']) if nd else ''
        raise ConvertError(msg + where)

    # -------------------------------------------------- layout helpers
    def plain(self, t):
        """ONNX name of t in TF (plain) layout."""
        if t.const is not None:
            return self.init(t.const, self.hint('const'), np.float32 if t.const.dtype.kind == 'f' else None)
        if t.layout == 'plain':
            return t.name
        if t.name in self.plain_cache:
            return self.plain_cache[t.name]
        if mem_equiv_nchw_nhwc(t.shape):
            shp = self.init(np.array(t.shape, np.int64), t.name + '/to_nhwc_shape')
            out = self.emit('Reshape', [t.name, shp], t.name + '/to_nhwc')
        else:
            out = self.emit('Transpose', [t.name], t.name + '/to_nhwc', perm=list(NCHW2NHWC))
        self.plain_cache[t.name] = out
        return out

    def nchw(self, t):
        """ONNX name of a rank-4 t in NCHW layout."""
        if len(t.shape) != 4:
            self.fail('expected a 4-D tensor, got shape %s' % (t.shape,))
        if t.const is not None:
            return self.init(np.transpose(t.const, NHWC2NCHW).astype(np.float32), self.hint('const_nchw'))
        if t.layout == 'nchw':
            return t.name
        if t.name in self.nchw_cache:
            return self.nchw_cache[t.name]
        if mem_equiv_nchw_nhwc(t.shape):
            shp = self.init(np.array(nchw_shape(t.shape), np.int64), t.name + '/to_nchw_shape')
            out = self.emit('Reshape', [t.name, shp], t.name + '/to_nchw')
        else:
            out = self.emit('Transpose', [t.name], t.name + '/to_nchw', perm=list(NHWC2NCHW))
        self.nchw_cache[t.name] = out
        return out

    def const_for(self, c, x, hint):
        """Initializer for constant c used elementwise with tensor x (layout of x)."""
        c = np.asarray(c, np.float32)
        if c.size == 1:
            return self.init(c.reshape([1]), hint)
        if x.layout == 'nchw':
            if c.ndim > 4:
                self.fail('constant of rank > 4 broadcast against a 4-D tensor')
            c4 = c.reshape((1,) * (4 - c.ndim) + c.shape)
            cn = np.transpose(c4, NHWC2NCHW)
            if cn.shape[0] == 1 and cn.shape[2] == 1 and cn.shape[3] == 1:
                return self.init(cn.reshape(1, cn.shape[1], 1, 1), hint)
            return self.init(cn, hint)
        return self.init(c, hint)

    # -------------------------------------------------- graph walk
    def get(self, ref):
        r = parse_input_ref(ref)
        name, idx = r
        if name not in self.vals:
            raise ConvertError('internal: input %s not converted' % name)
        outs = self.vals[name]
        if idx >= len(outs):
            raise ConvertError('node %s has no output %d' % (name, idx))
        return outs[idx]

    def data_inputs(self, nd):
        return [i for i in nd.get('input', []) if not i.startswith('^')]

    def topo_order(self, out_nodes):
        order, state = [], {}
        for root in out_nodes:
            stack = [(root, False)]
            while stack:
                name, done = stack.pop()
                if done:
                    if state.get(name) != 2:
                        state[name] = 2
                        order.append(name)
                    continue
                if state.get(name):
                    continue
                if name not in self.by_name:
                    raise ConvertError('graph references unknown node "%s"' % name)
                state[name] = 1
                stack.append((name, True))
                for ref in reversed(self.data_inputs(self.by_name[name])):
                    dep = parse_input_ref(ref)[0]
                    if state.get(dep) == 1:
                        continue
                    if not state.get(dep):
                        stack.append((dep, False))
        return order

    def signature(self):
        sig = self.mj.get('signature')
        udm = self.mj.get('userDefinedMetadata') or {}
        if udm.get('signature') is not None:
            sig = udm['signature']
        return sig or {}

    def output_list(self):
        """[(onnx_output_name, tf_ref)] in the documented order."""
        sig = self.signature()
        outs = sig.get('outputs') or {}
        res = []
        if outs:
            for key, ent in outs.items():
                ref = ent.get('name', key)
                nm = key[:-2] if key.endswith(':0') else key
                if parse_input_ref(ref)[0] in self.by_name:
                    res.append((nm, ref))
        if not res:
            consumed = set()
            for nd in self.nodes:
                for ref in self.data_inputs(nd):
                    consumed.add(parse_input_ref(ref)[0])
                for ref in nd.get('input', []):
                    if ref.startswith('^'):
                        consumed.add(ref[1:])
            for nd in self.nodes:
                if nd['name'] not in consumed and nd['op'] not in ('Const', 'Placeholder', 'NoOp'):
                    res.append((nd['name'], nd['name']))
        if not res:
            raise ConvertError('model has no outputs')
        return res

    # -------------------------------------------------- conversion driver
    def convert(self):
        outputs = self.output_list()
        # reserve the public names so that no internal tensor takes them
        self.used_names.add('input')
        for oname, _ in outputs:
            if oname in self.used_names:
                raise ConvertError('duplicate output name %s' % oname)
            self.used_names.add(oname)
        order = self.topo_order([parse_input_ref(r)[0] for _, r in outputs])
        for name in order:
            nd = self.by_name[name]
            self.cur = nd
            op = nd['op']
            ins = [self.get(r) for r in self.data_inputs(nd)]
            if op not in ('Placeholder', 'Const') and ins and all(t.const is not None for t in ins) \
                    and op in FOLDERS:
                try:
                    res = FOLDERS[op](self, nd, [t.const for t in ins])
                except ConvertError:
                    raise
                except Exception as e:  # noqa
                    self.fail('constant folding failed: %s' % e)
                if not isinstance(res, list):
                    res = [res]
                self.vals[name] = [const_t(r) for r in res]
                continue
            h = HANDLERS.get(op)
            if h is None:
                if op in FOLDERS:
                    self.fail('op %s is only supported on constant inputs' % op)
                self.fail('unsupported op %s' % op)
            res = h(self, nd, ins)
            if not isinstance(res, list):
                res = [res]
            self.vals[name] = res
        self.cur = None
        if self.graph_input is None:
            raise ConvertError('model output does not depend on an input placeholder')

        # outputs: plain layout, renamed to their public names
        graph_outputs = []
        rename = {}
        taken = set()
        for oname, ref in outputs:
            t = self.get(ref)
            self.cur = {'name': oname, 'op': 'output'}
            if t.const is not None:
                src = self.init(t.const.astype(np.float32), oname + '/const')
            else:
                src = self.plain(t)
            produced = any(src in n.output for n in self.onnx_nodes)
            if produced and src not in rename and src not in taken:
                rename[src] = oname
            else:
                self.onnx_nodes.append(helper.make_node('Identity', [src], [oname], name=oname))
            taken.add(oname)
            dt = TensorProto.FLOAT if (t.const is None or t.const.dtype.kind == 'f') else TensorProto.INT32
            graph_outputs.append(helper.make_tensor_value_info(oname, dt, list(t.shape)))
        self.cur = None
        for n in self.onnx_nodes:
            for i, x in enumerate(n.input):
                if x in rename:
                    n.input[i] = rename[x]
            for i, x in enumerate(n.output):
                if x in rename:
                    n.output[i] = rename[x]
                    if n.name == x:
                        n.name = rename[x]

        gi = self.graph_input
        inp = helper.make_tensor_value_info('input', TensorProto.FLOAT, list(nchw_shape(gi.shape)))
        graph = helper.make_graph(self.onnx_nodes, self.graph_name, [inp], graph_outputs, self.inits)
        model = helper.make_model(graph, producer_name='tfjs2onnx.py', producer_version='1.0',
                                  opset_imports=[helper.make_opsetid('', OPSET)])
        model.ir_version = 7
        model.doc_string = 'Converted from TensorFlow.js graph model %s' % os.path.basename(self.model_path)
        return model, [(o, tuple(self.get(r).shape)) for o, r in outputs], gi.shape

    # -------------------------------------------------- activations
    def activation(self, x_name, layout, shape, act, alpha=None, leaky=0.2, hint=None):
        hint = hint or self.hint(act.lower())
        if act == 'Relu':
            return self.emit('Relu', [x_name], hint)
        if act == 'Relu6':
            return self.clip(x_name, 0.0, 6.0, hint)
        if act == 'Elu':
            return self.emit('Elu', [x_name], hint, alpha=1.0)
        if act == 'Sigmoid':
            return self.emit('Sigmoid', [x_name], hint)
        if act == 'Tanh':
            return self.emit('Tanh', [x_name], hint)
        if act == 'LeakyRelu':
            return self.emit('LeakyRelu', [x_name], hint, alpha=float(leaky))
        if act == 'Prelu':
            if alpha is None or alpha.const is None:
                self.fail('Prelu needs a constant alpha')
            return self.emit('PRelu', [x_name, self.prelu_slope(alpha.const, layout, shape)], hint)
        self.fail('unsupported fused activation %s' % act)

    def prelu_slope(self, a, layout, shape):
        a = np.asarray(a, np.float32)
        if layout == 'nchw':
            c = shape[3]
            if a.size == 1:
                return self.init(np.full((c, 1, 1), a.reshape(-1)[0], np.float32), self.hint('slope'))
            if a.size == c:
                return self.init(a.reshape(c, 1, 1), self.hint('slope'))
            a3 = np.broadcast_to(a.reshape((1,) * (3 - a.ndim) + a.shape) if a.ndim < 3 else a[-3:], shape[1:])
            return self.init(np.transpose(a3, (2, 0, 1)), self.hint('slope'))
        if a.size == 1:
            return self.init(a.reshape([1]), self.hint('slope'))
        return self.init(a.reshape(a.shape[-len(shape):] if a.ndim > len(shape) else a.shape), self.hint('slope'))

    def clip(self, x_name, lo, hi, hint):
        """min(max(x, lo), hi) with exact results, without ONNX Clip.

        OpenCV 4.6 only parses the opset<11 Clip (min/max attributes) and
        rejects Min/Max with a constant operand, so: max(x,0) -> Relu,
        min(x,0) -> Neg(Relu(Neg(x))), other bounds -> Max/Min against a
        tensor computed from x (x*0 + c, exactly c for finite x)."""
        y = x_name
        steps = []
        if lo is not None and lo > -FLT_MAX:
            steps.append(('Max', lo))
        if hi is not None and hi < FLT_MAX:
            steps.append(('Min', hi))
        if not steps:
            return self.emit('Identity', [y], hint)
        for j, (op, c) in enumerate(steps):
            h = hint if j == len(steps) - 1 else hint + '/' + op.lower()
            if op == 'Max' and c == 0.0:
                y = self.emit('Relu', [y], h)
            elif op == 'Min' and c == 0.0:
                a = self.emit('Neg', [y], h + '/neg')
                b = self.emit('Relu', [a], h + '/relu')
                y = self.emit('Neg', [b], h)
            else:
                z = self.emit('Mul', [y, self.init(np.array([0.0], np.float32), h + '/zero')], h + '/x0')
                cc = self.emit('Add', [z, self.init(np.array([c], np.float32), h + '/c')], h + '/bound')
                y = self.emit(op, [y, cc], h)
        return y


# --------------------------------------------------------------------------
# helpers for conv-like ops
# --------------------------------------------------------------------------

def conv_pads(cv, nd, in_hw, k_hw, strides, dil):
    padding = cv_attr(nd, 'padding', 'VALID')
    out, pads_b, pads_e = [], [], []
    for i in range(2):
        n, k, s, d = in_hw[i], k_hw[i], strides[i], dil[i]
        ek = (k - 1) * d + 1
        if padding == 'SAME':
            o = -(-n // s)
            total = max((o - 1) * s + ek - n, 0)
            b, e = total // 2, total - total // 2
        elif padding == 'VALID':
            b = e = 0
            o = (n - ek) // s + 1
        elif padding == 'EXPLICIT':
            ep = attr_val(nd, 'explicit_paddings', [])
            if len(ep) != 8:
                cv.fail('bad explicit_paddings %s' % ep)
            b, e = ep[2 + 2 * i], ep[3 + 2 * i]
            o = (n + b + e - ek) // s + 1
        else:
            cv.fail('unsupported padding %s' % padding)
        if o <= 0:
            cv.fail('non-positive output size')
        out.append(o)
        pads_b.append(b)
        pads_e.append(e)
    return out, pads_b + pads_e


def cv_attr(nd, key, default):
    return attr_val(nd, key, default)


def check_nhwc(cv, nd):
    df = attr_val(nd, 'data_format', 'NHWC')
    if df not in ('NHWC', None):
        cv.fail('data_format %s is not supported' % df)


def h_conv(cv, nd, ins):
    op = nd['op']
    check_nhwc(cv, nd)
    x, w = ins[0], ins[1]
    if w.const is None:
        cv.fail('non-constant convolution weights')
    if len(x.shape) != 4:
        cv.fail('conv input must be 4-D')
    depthwise = 'Depthwise' in op
    strides = attr_val(nd, 'strides', [1, 1, 1, 1])
    dil = attr_val(nd, 'dilations', [1, 1, 1, 1]) or [1, 1, 1, 1]
    if strides[0] != 1 or strides[3] != 1:
        cv.fail('strides on batch/channel are not supported')
    W = np.asarray(w.const, np.float32)
    kh, kw, cin, cout = W.shape
    n, H, Wd, C = x.shape
    if depthwise:
        if cin != C:
            cv.fail('depthwise channel mismatch')
        mult = cout
        cout = cin * mult
        Wo = np.transpose(W.reshape(kh, kw, cin * mult), (2, 0, 1))[:, None, :, :]
        group = cin
    else:
        if cin != C:
            if C % cin:
                cv.fail('conv channel mismatch %d vs %d' % (C, cin))
        group = C // cin
        Wo = np.transpose(W, (3, 2, 0, 1))
    (oh, ow), pads = conv_pads(cv, nd, (H, Wd), (kh, kw), strides[1:3], dil[1:3])
    fused = attr_val(nd, 'fused_ops', []) if op.startswith('_Fused') or op.startswith('Fused') else []
    extra = ins[2:]
    inputs = [cv.nchw(x), cv.init(np.ascontiguousarray(Wo), cv.hint('W'))]
    acts = list(fused)
    if acts and acts[0] == 'BiasAdd':
        b = extra[0]
        if b.const is None:
            cv.fail('non-constant bias')
        inputs.append(cv.init(np.asarray(b.const, np.float32).reshape(-1), cv.hint('B')))
        acts = acts[1:]
        extra = extra[1:]
    elif acts and acts[0] in ('FusedBatchNorm',):
        cv.fail('fused batch norm in conv is not supported')
    oshape = (n, oh, ow, cout)
    last = not acts
    y = cv.emit('Conv', inputs, cv.hint() if last else cv.hint('conv'),
                kernel_shape=[kh, kw], strides=list(strides[1:3]), dilations=list(dil[1:3]),
                pads=list(pads), group=int(group))
    for j, a in enumerate(acts):
        alpha = extra[0] if a == 'Prelu' else None
        y = cv.activation(y, 'nchw', oshape, a, alpha=alpha,
                          leaky=attr_val(nd, 'leakyrelu_alpha', 0.2),
                          hint=cv.hint() if j == len(acts) - 1 else cv.hint(a.lower()))
    return T(y, oshape, 'nchw')


def h_matmul(cv, nd, ins):
    a, b = ins[0], ins[1]
    ta = attr_val(nd, 'transpose_a', False)
    tb = attr_val(nd, 'transpose_b', False)
    if len(a.shape) != 2 or len(b.shape) != 2:
        cv.fail('only 2-D MatMul is supported (shapes %s x %s)' % (a.shape, b.shape))
    M = a.shape[1] if ta else a.shape[0]
    N = b.shape[0] if tb else b.shape[1]
    fused = list(attr_val(nd, 'fused_ops', []) if nd['op'] == '_FusedMatMul' else [])
    extra = ins[2:]
    bias = None
    if fused and fused[0] == 'BiasAdd':
        bias = extra[0]
        extra = extra[1:]
        fused = fused[1:]
    last = not fused
    hint = cv.hint() if last else cv.hint('matmul')
    if b.const is not None and (bias is None or bias.const is not None):
        # OpenCV 4.6 mis-handles Gemm transB=0 with a bias: always store B as [N,K]
        Wk = np.asarray(b.const, np.float32)
        if not tb:
            Wk = np.ascontiguousarray(Wk.T)
        an = cv.plain(a)
        if ta:
            an = cv.emit('Transpose', [an], cv.hint('ta'), perm=[1, 0])
        inputs = [an, cv.init(Wk, cv.hint('W'))]
        if bias is not None:
            inputs.append(cv.init(np.asarray(bias.const, np.float32).reshape(-1), cv.hint('B')))
        y = cv.emit('Gemm', inputs, hint, transB=1)
    else:
        an = cv.plain(a)
        bn = cv.plain(b)
        if ta:
            an = cv.emit('Transpose', [an], cv.hint('ta'), perm=[1, 0])
        if tb:
            bn = cv.emit('Transpose', [bn], cv.hint('tb'), perm=[1, 0])
        y = cv.emit('MatMul', [an, bn], hint if bias is None else cv.hint('mm'))
        if bias is not None:
            y = cv.emit('Add', [y, cv.plain(bias)], hint)
    oshape = (M, N)
    for j, act in enumerate(fused):
        alpha = extra[0] if act == 'Prelu' else None
        y = cv.activation(y, 'plain', oshape, act, alpha=alpha,
                          leaky=attr_val(nd, 'leakyrelu_alpha', 0.2),
                          hint=cv.hint() if j == len(fused) - 1 else cv.hint(act.lower()))
    return T(y, oshape, 'plain')


def h_pool(cv, nd, ins):
    check_nhwc(cv, nd)
    x = ins[0]
    k = attr_val(nd, 'ksize')
    s = attr_val(nd, 'strides')
    if k[0] != 1 or k[3] != 1 or s[0] != 1 or s[3] != 1:
        cv.fail('pooling over batch/channels is not supported')
    n, H, W, C = x.shape
    (oh, ow), pads = conv_pads(cv, nd, (H, W), k[1:3], s[1:3], (1, 1))
    op = 'MaxPool' if nd['op'] == 'MaxPool' else 'AveragePool'
    attrs = dict(kernel_shape=list(k[1:3]), strides=list(s[1:3]), pads=list(pads))
    if op == 'AveragePool':
        attrs['count_include_pad'] = 0
    y = cv.emit(op, [cv.nchw(x)], cv.hint(), **attrs)
    return T(y, (n, oh, ow, C), 'nchw')


def bcast_shape(cv, a, b):
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        cv.fail('incompatible broadcast shapes %s and %s' % (a, b))


def h_binary(cv, nd, ins):
    op = nd['op']
    a, b = ins[0], ins[1]
    shape = bcast_shape(cv, a.shape, b.shape)
    hint = cv.hint()
    if op in ('Maximum', 'Minimum'):
        if a.const is not None:
            a, b = b, a
        if b.const is not None:
            if b.const.size != 1 or len(shape) != len(a.shape):
                cv.fail('%s with a non-scalar constant is not supported' % op)
            v = float(np.asarray(b.const).reshape(-1)[0])
            if op == 'Maximum' and v == 0.0:
                y = cv.emit('Relu', [a.name if a.layout == 'nchw' else cv.plain(a)], hint)
            elif op == 'Maximum':
                y = cv.clip(a.name if a.layout == 'nchw' else cv.plain(a), v, FLT_MAX, hint)
            else:
                y = cv.clip(a.name if a.layout == 'nchw' else cv.plain(a), -FLT_MAX, v, hint)
            return T(y, shape, a.layout)
        onnx_op = 'Max' if op == 'Maximum' else 'Min'
    else:
        onnx_op = {'Add': 'Add', 'AddV2': 'Add', 'BiasAdd': 'Add', 'Sub': 'Sub', 'Mul': 'Mul',
                   'RealDiv': 'Div', 'Div': 'Div'}[op]
    if op == 'BiasAdd':
        check_nhwc(cv, nd)
    # one constant operand
    if a.const is not None or b.const is not None:
        if a.const is not None and onnx_op in ('Sub', 'Div'):
            x, c = b, a
            if shape != x.shape:
                x_name, layout = cv.plain(x), 'plain'
            else:
                x_name, layout = (x.name, 'nchw') if x.layout == 'nchw' else (cv.plain(x), 'plain')
            xt = T(x_name, x.shape, layout)
            if onnx_op == 'Sub':   # c - x == (-x) + c (exact)
                neg = cv.emit('Mul', [x_name, cv.init(np.array([-1.0], np.float32), hint + '/m1')], hint + '/neg')
                y = cv.emit('Add', [neg, cv.const_for(c.const, xt, hint + '/c')], hint)
            else:
                y = cv.emit('Div', [cv.const_for(c.const, xt, hint + '/c'), x_name], hint)
            return T(y, shape, layout)
        x, c = (a, b) if b.const is not None else (b, a)
        if shape != x.shape:
            x_name, layout = cv.plain(x), 'plain'
        else:
            x_name, layout = (x.name, 'nchw') if x.layout == 'nchw' else (cv.plain(x), 'plain')
        xt = T(x_name, x.shape, layout)
        cval = np.asarray(c.const, np.float32)
        if onnx_op == 'Sub':
            onnx_op, cval = 'Add', -cval
        elif onnx_op == 'Div':
            onnx_op, cval = 'Mul', (np.float32(1.0) / cval).astype(np.float32)
        y = cv.emit(onnx_op, [x_name, cv.const_for(cval, xt, hint + '/c')], hint)
        return T(y, shape, layout)
    # two tensors
    if a.layout == 'nchw' and b.layout == 'nchw' and a.shape == b.shape:
        y = cv.emit(onnx_op, [a.name, b.name], hint)
        return T(y, shape, 'nchw')
    if len(a.shape) == 4 and len(b.shape) == 4 and (a.layout == 'nchw' or b.layout == 'nchw'):
        y = cv.emit(onnx_op, [cv.nchw(a), cv.nchw(b)], hint)
        return T(y, shape, 'nchw')
    y = cv.emit(onnx_op, [cv.plain(a), cv.plain(b)], hint)
    return T(y, shape, 'plain')


def h_addn(cv, nd, ins):
    acc = ins[0]
    for i, t in enumerate(ins[1:]):
        fake = {'name': nd['name'] if i == len(ins) - 2 else nd['name'] + '/add%d' % i, 'op': 'AddV2'}
        saved = cv.cur
        cv.cur = fake
        acc = h_binary(cv, fake, [acc, t])
        cv.cur = saved
    return acc


def h_sqdiff(cv, nd, ins):
    d = h_binary(cv, {'name': nd['name'] + '/diff', 'op': 'Sub'}, ins)
    y = cv.emit('Mul', [d.name, d.name], cv.hint())
    return T(y, d.shape, d.layout)


def tensor_name(cv, t):
    return t.name if t.layout == 'nchw' else cv.plain(t)


def h_unary(cv, nd, ins):
    op = nd['op']
    x = ins[0]
    xn = tensor_name(cv, x)
    if op in ('Relu', 'Relu6', 'Elu', 'Sigmoid', 'Tanh'):
        y = cv.activation(xn, x.layout, x.shape, op, hint=cv.hint())
    elif op == 'LeakyRelu':
        y = cv.activation(xn, x.layout, x.shape, op, leaky=attr_val(nd, 'alpha', 0.2), hint=cv.hint())
    elif op == 'Prelu':
        y = cv.activation(xn, x.layout, x.shape, 'Prelu', alpha=ins[1], hint=cv.hint())
    elif op == 'Square':
        y = cv.emit('Mul', [xn, xn], cv.hint())
    elif op == 'Rsqrt':
        s = cv.emit('Sqrt', [xn], cv.hint('sqrt'))
        y = cv.emit('Reciprocal', [s], cv.hint())
    else:
        onnx_op = {'Exp': 'Exp', 'Log': 'Log', 'Sqrt': 'Sqrt', 'Neg': 'Neg', 'Abs': 'Abs'}[op]
        y = cv.emit(onnx_op, [xn], cv.hint())
    return T(y, x.shape, x.layout)


def h_identity(cv, nd, ins):
    return ins[0]


def h_placeholder(cv, nd, ins):
    if cv.graph_input is not None:
        cv.fail('models with more than one input are not supported')
    shape = attr_val(nd, 'shape', None)
    if not shape:
        sig = cv.signature().get('inputs') or {}
        for ent in sig.values():
            if parse_input_ref(ent.get('name', ''))[0] == nd['name']:
                shape = [int(d.get('size', -1)) for d in ent.get('tensorShape', {}).get('dim', [])]
    if not shape or len(shape) != 4:
        cv.fail('input must be a 4-D NHWC image tensor, got shape %s' % (shape,))
    shape = [1 if (i == 0 and s == -1) else s for i, s in enumerate(shape)]
    if any(s <= 0 for s in shape) or shape[0] != 1:
        cv.fail('input shape %s is not static (batch must be 1)' % (shape,))
    dt = attr_val(nd, 'dtype', 'DT_FLOAT')
    if dt != 'DT_FLOAT':
        cv.fail('input dtype %s is not supported' % dt)
    t = T('input', shape, 'nchw')
    cv.graph_input = t
    return t


def h_const(cv, nd, ins):
    name = nd['name']
    if name in cv.weights:
        return const_t(cv.weights[name])
    tensor = attr_val(nd, 'value', None)
    if isinstance(tensor, dict):
        dt = _TFDT.get(tensor.get('dtype', 'DT_FLOAT'))
        shape = [int(d.get('size', 1)) for d in tensor.get('tensorShape', {}).get('dim', [])]
        if dt is not None:
            n = int(np.prod(shape)) if shape else 1
            for key in ('floatVal', 'intVal', 'boolVal'):
                if key in tensor:
                    vals = [float(v) if dt != np.bool_ else bool(v) for v in tensor[key]]
                    arr = np.array(vals, dt)
                    if arr.size == 1 and n != 1:
                        arr = np.full(n, arr[0], dt)
                    return const_t(arr.reshape(shape))
            if 'tensorContent' in tensor:
                arr = np.frombuffer(base64.b64decode(tensor['tensorContent']), np.dtype(dt).newbyteorder('<'))
                return const_t(arr.astype(dt).reshape(shape))
            if n == 0:
                return const_t(np.zeros(shape, dt))
    cv.fail('constant %s has no value in the weights manifest' % name)


def h_reshape(cv, nd, ins):
    x, s = ins[0], ins[1]
    if s.const is None:
        cv.fail('Reshape with a non-constant target shape')
    tgt = [int(v) for v in np.asarray(s.const).reshape(-1)]
    total = int(np.prod(x.shape))
    if tgt.count(-1) > 1:
        cv.fail('Reshape target %s has more than one -1' % tgt)
    if -1 in tgt:
        known = int(np.prod([v for v in tgt if v != -1])) if len(tgt) > 1 else 1
        tgt[tgt.index(-1)] = total // known if known else 0
    if int(np.prod(tgt)) != total:
        cv.fail('Reshape %s -> %s changes the element count' % (x.shape, tgt))
    return reshape_to(cv, x, tgt)


def reshape_to(cv, x, tgt, hint=None):
    tgt = tuple(int(v) for v in tgt)
    if x.layout == 'nchw' and mem_equiv_nchw_nhwc(x.shape):
        src = x.name          # element order identical in both layouts
    else:
        src = cv.plain(x)
    shp = cv.init(np.array(tgt, np.int64), cv.hint('shape'))
    y = cv.emit('Reshape', [src, shp], hint or cv.hint())
    return T(y, tgt, 'plain')


def h_squeeze(cv, nd, ins):
    x = ins[0]
    dims = attr_val(nd, 'squeeze_dims', None) or attr_val(nd, 'axis', None) or []
    r = len(x.shape)
    dims = [d % r for d in dims] if dims else [i for i, s in enumerate(x.shape) if s == 1]
    tgt = [s for i, s in enumerate(x.shape) if i not in dims]
    return reshape_to(cv, x, tgt)


def h_expand_dims(cv, nd, ins):
    x, ax = ins[0], ins[1]
    a = int(np.asarray(ax.const).reshape(-1)[0])
    r = len(x.shape)
    if a < 0:
        a += r + 1
    tgt = list(x.shape[:a]) + [1] + list(x.shape[a:])
    return reshape_to(cv, x, tgt)


def h_transpose(cv, nd, ins):
    x, p = ins[0], ins[1]
    if p.const is None:
        cv.fail('non-constant permutation')
    perm = [int(v) for v in np.asarray(p.const).reshape(-1)]
    if x.layout == 'nchw' and perm == [0, 3, 1, 2]:
        # TF result is [N,C,H,W] plain == our NCHW storage
        return T(x.name, nchw_shape(x.shape), 'plain')
    y = cv.emit('Transpose', [cv.plain(x)], cv.hint(), perm=perm)
    return T(y, tuple(x.shape[i] for i in perm), 'plain')


def h_pad(cv, nd, ins):
    x, p = ins[0], ins[1]
    if p.const is None:
        cv.fail('non-constant paddings')
    P = np.asarray(p.const).reshape(-1, 2).astype(np.int64)
    if (P < 0).any():
        cv.fail('negative paddings are not supported')
    mode = 'constant'
    if nd['op'] == 'MirrorPad':
        m = attr_val(nd, 'mode', 'REFLECT')
        if m != 'REFLECT':
            cv.fail('MirrorPad mode %s is not supported' % m)
        mode = 'reflect'
    value = 0.0
    if nd['op'] == 'PadV2' and len(ins) > 2:
        if ins[2].const is None:
            cv.fail('non-constant pad value')
        value = float(np.asarray(ins[2].const).reshape(-1)[0])
    shape = tuple(int(s + P[i, 0] + P[i, 1]) for i, s in enumerate(x.shape))
    if len(x.shape) == 4:
        xn = cv.nchw(x)
        Pn = P[list(NHWC2NCHW)]
        layout = 'nchw'
    else:
        xn = cv.plain(x)
        Pn = P
        layout = 'plain'
    pads = np.concatenate([Pn[:, 0], Pn[:, 1]]).astype(np.int64)
    inputs = [xn, cv.init(pads, cv.hint('pads'))]
    if mode == 'constant':
        inputs.append(cv.init(np.array(value, np.float32), cv.hint('value')))
    y = cv.emit('Pad', inputs, cv.hint(), mode=mode)
    return T(y, shape, layout)


def axes_of(cv, t, rank):
    if t.const is None:
        cv.fail('non-constant axes')
    ax = [int(v) % rank for v in np.asarray(t.const).reshape(-1)]
    return sorted(set(ax))


def h_reduce(cv, nd, ins):
    x = ins[0]
    r = len(x.shape)
    axes = axes_of(cv, ins[1], r)
    keep = bool(attr_val(nd, 'keep_dims', False))
    op = nd['op']
    oshape = tuple((1 if i in axes else s) for i, s in enumerate(x.shape) if keep or i not in axes)
    if x.layout == 'nchw' and axes == [1, 2] and op in ('Mean', 'Max'):
        g = 'GlobalAveragePool' if op == 'Mean' else 'GlobalMaxPool'
        if keep:
            y = cv.emit(g, [x.name], cv.hint())
            return T(y, oshape, 'nchw')
        y = cv.emit(g, [x.name], cv.hint('pool'))
        return reshape_to(cv, T(y, (x.shape[0], 1, 1, x.shape[3]), 'nchw'), oshape)
    onnx_op = {'Mean': 'ReduceMean', 'Sum': 'ReduceSum', 'Max': 'ReduceMax', 'Min': 'ReduceMin',
               'Prod': 'ReduceProd'}[op]
    if x.layout == 'nchw' and keep:
        y = cv.emit(onnx_op, [x.name], cv.hint(), axes=[AXIS_NHWC2NCHW[a] for a in axes], keepdims=1)
        return T(y, oshape, 'nchw')
    y = cv.emit(onnx_op, [cv.plain(x)], cv.hint(), axes=axes, keepdims=int(keep))
    return T(y, oshape, 'plain')


def h_softmax(cv, nd, ins):
    x = ins[0]
    r = len(x.shape)
    y = cv.emit('Softmax', [cv.plain(x)], cv.hint(), axis=r - 1)
    return T(y, x.shape, 'plain')


def h_concat(cv, nd, ins):
    vals, ax = ins[:-1], ins[-1]
    if ax.const is None:
        cv.fail('non-constant concat axis')
    r = len(vals[0].shape)
    axis = int(np.asarray(ax.const).reshape(-1)[0]) % r
    shape = list(vals[0].shape)
    shape[axis] = sum(v.shape[axis] for v in vals)
    if r == 4 and any(v.layout == 'nchw' for v in vals if v.const is None):
        names = [cv.nchw(v) for v in vals]
        y = cv.emit('Concat', names, cv.hint(), axis=AXIS_NHWC2NCHW[axis])
        return T(y, shape, 'nchw')
    names = [cv.plain(v) for v in vals]
    y = cv.emit('Concat', names, cv.hint(), axis=axis)
    return T(y, shape, 'plain')


def h_resize(cv, nd, ins):
    x, sz = ins[0], ins[1]
    if sz.const is None:
        cv.fail('non-constant resize size')
    oh, ow = [int(v) for v in np.asarray(sz.const).reshape(-1)]
    n, H, W, C = x.shape
    align = attr_val(nd, 'align_corners', False)
    half = attr_val(nd, 'half_pixel_centers', False)
    linear = nd['op'] == 'ResizeBilinear'
    if align:
        ctm = 'align_corners'
    elif half:
        ctm = 'half_pixel' if linear else 'tf_half_pixel_for_nn'
    else:
        ctm = 'asymmetric'
    attrs = dict(mode='linear' if linear else 'nearest', coordinate_transformation_mode=ctm)
    if not linear:
        attrs['nearest_mode'] = 'round_prefer_ceil' if align else 'floor'
    roi = cv.init(np.zeros([0], np.float32), cv.hint('roi'))
    if oh % H == 0 and ow % W == 0:
        scales = cv.init(np.array([1, 1, oh / H, ow / W], np.float32), cv.hint('scales'))
        inputs = [cv.nchw(x), roi, scales]
    else:
        scales = cv.init(np.zeros([0], np.float32), cv.hint('scales'))
        sizes = cv.init(np.array([n, C, oh, ow], np.int64), cv.hint('sizes'))
        inputs = [cv.nchw(x), roi, scales, sizes]
    y = cv.emit('Resize', inputs, cv.hint(), **attrs)
    return T(y, (n, oh, ow, C), 'nchw')


def h_depth_to_space(cv, nd, ins):
    check_nhwc(cv, nd)
    x = ins[0]
    bs = attr_val(nd, 'block_size')
    n, H, W, C = x.shape
    co = C // (bs * bs)
    # TF (NHWC) depth index = (i*bs + j)*co + c  ==  ONNX DepthToSpace mode DCR.
    # Lowered (OpenCV 4.6 has no DepthToSpace): [1,C,H,W] -> [bs,bs,co,H,W]
    # -> transpose [co,H,bs,W,bs] -> [1,co,H*bs,W*bs]
    s1 = cv.init(np.array([bs, bs, co, H, W], np.int64), cv.hint('d2s_shape1'))
    a = cv.emit('Reshape', [cv.nchw(x), s1], cv.hint('d2s_r1'))
    b = cv.emit('Transpose', [a], cv.hint('d2s_t'), perm=[2, 3, 0, 4, 1])
    s2 = cv.init(np.array([1, co, H * bs, W * bs], np.int64), cv.hint('d2s_shape2'))
    y = cv.emit('Reshape', [b, s2], cv.hint())
    return T(y, (n, H * bs, W * bs, co), 'nchw')


def h_batchnorm(cv, nd, ins):
    x, sc, off, mean, var = ins[:5]
    if any(t.const is None for t in (sc, off, mean, var)):
        cv.fail('batch norm parameters must be constant')
    eps = attr_val(nd, 'epsilon', 1e-3)
    check_nhwc(cv, nd)
    # TFJS: (x - mean) * (scale / sqrt(var + eps)) + offset
    mul = (np.asarray(sc.const, np.float32) / np.sqrt(np.asarray(var.const, np.float32) + np.float32(eps))).astype(np.float32)
    xn = tensor_name(cv, x)
    xt = T(xn, x.shape, x.layout)
    h = cv.hint()
    a = cv.emit('Add', [xn, cv.const_for(-np.asarray(mean.const, np.float32), xt, h + '/mean')], h + '/sub')
    b = cv.emit('Mul', [a, cv.const_for(mul, xt, h + '/mul')], h + '/scale')
    y = cv.emit('Add', [b, cv.const_for(off.const, xt, h + '/offset')], h)
    return [T(y, x.shape, x.layout)] + [const_t(np.zeros(1, np.float32))] * 5


def h_cast(cv, nd, ins):
    dst = attr_val(nd, 'DstT', 'DT_FLOAT')
    if dst != 'DT_FLOAT':
        cv.fail('Cast to %s of a non-constant tensor is not supported' % dst)
    return ins[0]


# --------------------------------------------------------------------------
# constant folding (numpy, TF layout)
# --------------------------------------------------------------------------

def f_strided_slice(cv, nd, c):
    x, begin, end, strides = c[0], c[1].reshape(-1), c[2].reshape(-1), c[3].reshape(-1)
    bm = attr_val(nd, 'begin_mask', 0)
    em = attr_val(nd, 'end_mask', 0)
    sm = attr_val(nd, 'shrink_axis_mask', 0)
    nm = attr_val(nd, 'new_axis_mask', 0)
    elm = attr_val(nd, 'ellipsis_mask', 0)
    if elm or nm:
        raise ConvertError('StridedSlice with ellipsis/new_axis mask is not supported (node %s)' % nd['name'])
    idx = []
    for i in range(len(begin)):
        if sm & (1 << i):
            idx.append(int(begin[i]))
        else:
            b = None if bm & (1 << i) else int(begin[i])
            e = None if em & (1 << i) else int(end[i])
            idx.append(slice(b, e, int(strides[i])))
    return np.asarray(x[tuple(idx)])


def f_pack(cv, nd, c):
    return np.stack([np.asarray(v) for v in c], axis=attr_val(nd, 'axis', 0))


def f_binary(cv, nd, c):
    a, b = c
    op = nd['op']
    if op in ('Add', 'AddV2', 'BiasAdd'):
        return a + b
    if op == 'Sub':
        return a - b
    if op == 'Mul':
        return a * b
    if op in ('RealDiv', 'Div'):
        if a.dtype.kind in 'iu' and op == 'Div':
            return (a // b).astype(a.dtype)
        return (a / b).astype(np.float32)
    if op == 'FloorDiv':
        return a // b
    if op == 'Maximum':
        return np.maximum(a, b)
    if op == 'Minimum':
        return np.minimum(a, b)
    raise ConvertError('fold %s' % op)


def f_cast(cv, nd, c):
    return c[0].astype(_TFDT.get(attr_val(nd, 'DstT', 'DT_FLOAT'), np.float32))


def f_concat(cv, nd, c):
    return np.concatenate(c[:-1], axis=int(c[-1].reshape(-1)[0]))


def f_reshape(cv, nd, c):
    return c[0].reshape([int(v) for v in c[1].reshape(-1)])


def f_slice(cv, nd, c):
    x, b, s = c
    idx = tuple(slice(int(bb), None if int(ss) == -1 else int(bb) + int(ss)) for bb, ss in zip(b.reshape(-1), s.reshape(-1)))
    return x[idx]


def f_unpack(cv, nd, c):
    ax = attr_val(nd, 'axis', 0)
    return [np.take(c[0], i, axis=ax) for i in range(c[0].shape[ax])]


def f_reduce(cv, nd, c):
    fn = {'Mean': np.mean, 'Sum': np.sum, 'Max': np.max, 'Min': np.min, 'Prod': np.prod}[nd['op']]
    ax = tuple(int(a) for a in c[1].reshape(-1))
    return np.asarray(fn(c[0], axis=ax, keepdims=bool(attr_val(nd, 'keep_dims', False)))).astype(c[0].dtype)


FOLDERS = {
    'Identity': lambda cv, nd, c: c[0],
    'StopGradient': lambda cv, nd, c: c[0],
    'Snapshot': lambda cv, nd, c: c[0],
    'StridedSlice': f_strided_slice,
    'Pack': f_pack,
    'Unpack': f_unpack,
    'Add': f_binary, 'AddV2': f_binary, 'Sub': f_binary, 'Mul': f_binary, 'RealDiv': f_binary,
    'Div': f_binary, 'FloorDiv': f_binary, 'Maximum': f_binary, 'Minimum': f_binary,
    'Neg': lambda cv, nd, c: -c[0],
    'Cast': f_cast,
    'ConcatV2': f_concat,
    'Reshape': f_reshape,
    'Slice': f_slice,
    'Squeeze': lambda cv, nd, c: np.squeeze(c[0], axis=tuple(attr_val(nd, 'squeeze_dims', []) or attr_val(nd, 'axis', []) or []) or None),
    'ExpandDims': lambda cv, nd, c: np.expand_dims(c[0], int(c[1].reshape(-1)[0])),
    'Fill': lambda cv, nd, c: np.full([int(v) for v in c[0].reshape(-1)], c[1].reshape(-1)[0]),
    'Range': lambda cv, nd, c: np.arange(c[0].reshape(-1)[0], c[1].reshape(-1)[0], c[2].reshape(-1)[0]),
    'Prod': f_reduce, 'Sum': f_reduce, 'Mean': f_reduce, 'Max': f_reduce, 'Min': f_reduce,
    'Sqrt': lambda cv, nd, c: np.sqrt(c[0]),
    'Rsqrt': lambda cv, nd, c: (1.0 / np.sqrt(c[0])).astype(c[0].dtype),
    'Transpose': lambda cv, nd, c: np.transpose(c[0], [int(v) for v in c[1].reshape(-1)]),
}


def h_shape(cv, nd, ins):
    dt = _TFDT.get(attr_val(nd, 'out_type', 'DT_INT32'), np.int32)
    return const_t(np.array(ins[0].shape, dt))


HANDLERS = {
    'Placeholder': h_placeholder,
    'PlaceholderWithDefault': h_placeholder,
    'Const': h_const,
    'Identity': h_identity, 'StopGradient': h_identity, 'Snapshot': h_identity,
    'Conv2D': h_conv, '_FusedConv2D': h_conv,
    'DepthwiseConv2dNative': h_conv, 'FusedDepthwiseConv2dNative': h_conv,
    'MatMul': h_matmul, '_FusedMatMul': h_matmul,
    'MaxPool': h_pool, 'AvgPool': h_pool,
    'Add': h_binary, 'AddV2': h_binary, 'BiasAdd': h_binary, 'Sub': h_binary, 'Mul': h_binary,
    'RealDiv': h_binary, 'Div': h_binary, 'Maximum': h_binary, 'Minimum': h_binary,
    'AddN': h_addn, 'SquaredDifference': h_sqdiff,
    'Relu': h_unary, 'Relu6': h_unary, 'Elu': h_unary, 'Sigmoid': h_unary, 'Tanh': h_unary,
    'LeakyRelu': h_unary, 'Prelu': h_unary, 'Exp': h_unary, 'Log': h_unary, 'Sqrt': h_unary,
    'Rsqrt': h_unary, 'Square': h_unary, 'Neg': h_unary, 'Abs': h_unary,
    'Softmax': h_softmax,
    'Reshape': h_reshape, 'Squeeze': h_squeeze, 'ExpandDims': h_expand_dims, 'Transpose': h_transpose,
    'Pad': h_pad, 'PadV2': h_pad, 'MirrorPad': h_pad,
    'Mean': h_reduce, 'Sum': h_reduce, 'Max': h_reduce, 'Min': h_reduce, 'Prod': h_reduce,
    'ConcatV2': h_concat,
    'ResizeBilinear': h_resize, 'ResizeNearestNeighbor': h_resize,
    'DepthToSpace': h_depth_to_space,
    'FusedBatchNorm': h_batchnorm, 'FusedBatchNormV3': h_batchnorm,
    'Cast': h_cast,
    'Shape': h_shape,
}


# --------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description='Convert a TensorFlow.js graph model to ONNX (opset %d, NCHW input "input", batch 1).' % OPSET)
    ap.add_argument('model', help='model.json of a TFJS graph model')
    ap.add_argument('out', help='output .onnx file')
    ap.add_argument('--name', help='ONNX graph name (default: model file basename)')
    args = ap.parse_args(argv)
    name = args.name or os.path.splitext(os.path.basename(args.model))[0]
    try:
        cv = Converter(args.model, name)
        model, outs, in_shape = cv.convert()
    except ConvertError as e:
        sys.stderr.write('tfjs2onnx: error: %s: %s\n' % (args.model, e))
        return 1
    except (OSError, ValueError, KeyError) as e:
        sys.stderr.write('tfjs2onnx: error: %s: cannot read model: %s\n' % (args.model, e))
        return 1
    try:
        onnx.checker.check_model(model)
    except Exception as e:  # onnx.checker.ValidationError and friends
        sys.stderr.write('tfjs2onnx: error: %s: onnx.checker rejected the converted model: %s\n' % (args.model, e))
        return 1
    data = model.SerializeToString()
    with open(args.out, 'wb') as f:
        f.write(data)
    print('%s -> %s (%d nodes, %d initializers, %d bytes, opset %d)' % (
        args.model, args.out, len(model.graph.node), len(model.graph.initializer), len(data), OPSET))
    print('input: input [1,%d,%d,%d] NCHW float32 (TFJS NHWC %s)' % (
        in_shape[3], in_shape[1], in_shape[2], list(in_shape)))
    for i, (o, s) in enumerate(outs):
        print('output[%d]: %s %s' % (i, o, list(s)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
