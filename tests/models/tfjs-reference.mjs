#!/usr/bin/env node
// tfjs-reference.mjs - reference outputs of a TensorFlow.js graph model.
//
// Usage:
//   EKYC_NODE_MODULES=/root/.cache/ekyc-models/node_modules \
//     node tests/models/tfjs-reference.mjs MODEL.json OUTDIR NAME [--range LO,HI] [--seed N]
//
// Requirements: Node 18/20 and @tensorflow/tfjs 4.22.0.  The package is looked
// up in the node_modules directory given by the environment variable
// EKYC_NODE_MODULES (e.g. /root/.cache/ekyc-models/node_modules); if it is not
// set, normal Node resolution from this script's location is used.  Only the
// pure-JS "cpu" backend is used (no tfjs-node, no WebGL) and the model is read
// from local files (model.json + its .bin shards, no network).
//
// Input: a batch-1 NHWC float32 tensor of the model's input shape ([1,H,W,C],
// a -1 batch dimension becomes 1), filled in row-major (NHWC) order by this LCG:
//     state = seed (uint32, default 12345)
//     for each element: state = (1664525 * state + 1013904223) mod 2^32
//                       value = float32(LO + (HI - LO) * state / 2^32)
// with LO,HI from --range (default 0,1).
//
// Outputs, in the order documented by tools/tfjs2onnx.py (= TFJS
// GraphModel.outputs order):
//   - model has a signature (model.json "signature" or
//     "userDefinedMetadata.signature"): the signature outputs in JSON order,
//     named after the signature key with a trailing ":0" removed;
//   - otherwise every node without consumers (Const/Placeholder/NoOp excluded),
//     in node order, named after the node.
//
// Files written (raw little-endian float32, row-major in TFJS layout):
//   OUTDIR/NAME.input.f32      the input, NHWC
//   OUTDIR/NAME.out{i}.f32     output i (i = 0, 1, ...)
//   OUTDIR/NAME.json           {model, name, tfjs, backend, input:{shape,range,seed,file},
//                               outputs:[{index,name,node,shape,file}]}
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

function usage(msg) {
  if (msg) process.stderr.write(`tfjs-reference: ${msg}\n`);
  process.stderr.write('usage: node tfjs-reference.mjs MODEL.json OUTDIR NAME [--range LO,HI] [--seed N]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const pos = [];
let range = [0, 1];
let seed = 12345;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--range') {
    const v = (args[++i] || '').split(',').map(Number);
    if (v.length !== 2 || v.some((x) => !Number.isFinite(x))) usage('bad --range');
    range = v;
  } else if (args[i].startsWith('--range=')) {
    range = args[i].slice(8).split(',').map(Number);
  } else if (args[i] === '--seed') {
    seed = Number(args[++i]) >>> 0;
  } else if (args[i].startsWith('--')) {
    usage(`unknown option ${args[i]}`);
  } else {
    pos.push(args[i]);
  }
}
if (pos.length !== 3) usage();
const [modelPath, outDir, name] = pos;

const req = process.env.EKYC_NODE_MODULES
  ? createRequire(path.join(path.resolve(process.env.EKYC_NODE_MODULES), 'noop.js'))
  : createRequire(import.meta.url);
let tf;
try {
  tf = req('@tensorflow/tfjs');
} catch (e) {
  process.stderr.write(`tfjs-reference: cannot load @tensorflow/tfjs (set EKYC_NODE_MODULES): ${e.message}\n`);
  process.exit(2);
}

const stripZero = (k) => (k.endsWith(':0') ? k.slice(0, -2) : k);

function outputList(mj) {
  const udm = mj.userDefinedMetadata || {};
  const sig = (udm.signature != null ? udm.signature : mj.signature) || {};
  const nodes = mj.modelTopology.node;
  const byName = new Set(nodes.map((n) => n.name));
  const res = [];
  for (const [key, ent] of Object.entries(sig.outputs || {})) {
    const ref = ent.name || key;
    const nodeName = ref.replace(/:\d+$/, '');
    if (byName.has(nodeName)) res.push({ name: stripZero(key), node: ref });
  }
  if (res.length === 0) {
    const consumed = new Set();
    for (const n of nodes) {
      for (const i of n.input || []) consumed.add(i.replace(/^\^/, '').replace(/:\d+$/, ''));
    }
    for (const n of nodes) {
      if (!consumed.has(n.name) && !['Const', 'Placeholder', 'NoOp'].includes(n.op)) {
        res.push({ name: n.name, node: n.name });
      }
    }
  }
  return res;
}

function writeF32(file, data) {
  const f = Float32Array.from(data);
  const buf = Buffer.alloc(f.length * 4);
  for (let i = 0; i < f.length; i++) buf.writeFloatLE(f[i], i * 4);
  fs.writeFileSync(file, buf);
}

async function main() {
  // TFJS prints a banner ("Hi, looks like you are running TensorFlow.js in
  // Node.js ...") and other chatter with console.log/warn: keep stdout clean.
  const toStderr = (...a) => process.stderr.write(`${a.join(' ')}\n`);
  console.log = toStderr;
  console.warn = toStderr;
  await tf.setBackend('cpu');
  await tf.ready();
  const mj = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  const dir = path.dirname(path.resolve(modelPath));
  const weightSpecs = [];
  const shards = [];
  for (const g of mj.weightsManifest || []) {
    weightSpecs.push(...g.weights);
    for (const p of g.paths) shards.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const artifacts = {
    modelTopology: mj.modelTopology,
    format: mj.format,
    generatedBy: mj.generatedBy,
    convertedBy: mj.convertedBy,
    weightSpecs,
    weightData,
  };
  if (mj.signature) artifacts.signature = mj.signature;
  if (mj.userDefinedMetadata) artifacts.userDefinedMetadata = mj.userDefinedMetadata;
  if (mj.modelInitializer) artifacts.modelInitializer = mj.modelInitializer;
  const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));

  if (model.inputs.length !== 1) throw new Error(`model has ${model.inputs.length} inputs, expected 1`);
  const shape = model.inputs[0].shape.map((d, i) => (d == null || d < 0 ? (i === 0 ? 1 : NaN) : d));
  if (shape.some((d) => !Number.isFinite(d))) throw new Error(`input shape not static: ${model.inputs[0].shape}`);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  let state = seed >>> 0;
  const [lo, hi] = range;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = lo + (hi - lo) * (state / 4294967296);
  }
  const input = tf.tensor(data, shape, 'float32');
  const outs = outputList(mj);
  if (outs.length === 0) throw new Error('model has no outputs');
  let res = model.execute(input, outs.map((o) => o.node));
  if (!Array.isArray(res)) res = [res];

  fs.mkdirSync(outDir, { recursive: true });
  const inFile = `${name}.input.f32`;
  writeF32(path.join(outDir, inFile), data);
  const meta = {
    model: path.resolve(modelPath),
    name,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    input: { shape, layout: 'NHWC', range, seed, file: inFile },
    outputs: [],
  };
  for (let i = 0; i < res.length; i++) {
    const t = res[i];
    const file = `${name}.out${i}.f32`;
    writeF32(path.join(outDir, file), t.dataSync());
    meta.outputs.push({ index: i, name: outs[i].name, node: outs[i].node, shape: t.shape, file });
    process.stdout.write(`output[${i}]: ${outs[i].name} [${t.shape.join(', ')}]\n`);
  }
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  tf.dispose([input, ...res]);
}

main().catch((e) => {
  process.stderr.write(`tfjs-reference: error: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
