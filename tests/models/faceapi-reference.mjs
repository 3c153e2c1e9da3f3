#!/usr/bin/env node
// faceapi-reference.mjs - reference embedding of face-api's FaceRecognitionNet (dlib's ResNet),
// computed by face-api's own JavaScript, to check tools/faceapi2onnx.py against.
//
// Usage:
//   EKYC_NODE_MODULES=/root/.cache/ekyc-models/node_modules \
//     node tests/models/faceapi-reference.mjs FACEAPI_DIR OUTDIR NAME [--seed N]
//
// FACEAPI_DIR is the unpacked npm package @vladmandic/face-api 1.7.15
// (~/.cache/ekyc-models/packages/@vladmandic/face-api).  Its ESM build without
// bundled TensorFlow (dist/face-api.esm-nobundle.js) runs on @tensorflow/tfjs
// 4.22.0 from EKYC_NODE_MODULES (if unset, Node's normal resolution from
// FACEAPI_DIR), pure-JS "cpu" backend; a resolve hook points its imports at the
// packages' Node entry points and answers its import of tfjs-backend-wasm (not
// needed, not installed) with an empty module.  (The bundled dist/face-api.esm.js
// does not load in Node 20: its stubbed "util" breaks TFJS's Node platform.)  The weights are read
// from FACEAPI_DIR/model (face_recognition_model-weights_manifest.json + .bin),
// decoded by tf.io.decodeWeights (what face-api's loaders call) and loaded with
// the net's own loadFromWeightMap; the embedding comes from computeFaceDescriptor.
//
// Input: a 150x150 RGB image of integer pixels 0..255, row-major HWC, from this LCG:
//     state = seed (uint32, default 12345)
//     for each value: state = (1664525 * state + 1013904223) mod 2^32
//                     pixel = floor(256 * state / 2^32)
// face-api feeds the net (pixel - [122.782, 117.001, 104.298]) / 255 in float32;
// that tensor is what the ONNX model takes (transposed to NCHW).
//
// Files written (raw little-endian float32):
//   OUTDIR/NAME.input.f32   the normalised input, NHWC [1,150,150,3]
//   OUTDIR/NAME.out0.f32    the embedding [1,128]
//   OUTDIR/NAME.json        {model, name, tfjs, backend, input:{shape,layout,seed,file},
//                            outputs:[{index,name,shape,file}]}
//
// The check (max |onnx - tfjs| <= 1e-3 on every element), with python3-opencv:
//   /usr/bin/python3 tools/faceapi2onnx.py \
//     $FACEAPI_DIR/model/face_recognition_model-weights_manifest.json /tmp/fa.onnx
//   node tests/models/faceapi-reference.mjs $FACEAPI_DIR /tmp/faref faceapi
//   /usr/bin/python3 -c 'import cv2, numpy as np
//   x = np.fromfile("/tmp/faref/faceapi.input.f32", "<f4").reshape(1, 150, 150, 3)
//   ref = np.fromfile("/tmp/faref/faceapi.out0.f32", "<f4").reshape(1, 128)
//   net = cv2.dnn.readNetFromONNX("/tmp/fa.onnx")
//   net.setInput(np.ascontiguousarray(x.transpose(0, 3, 1, 2)), "input")
//   d = np.abs(net.forward("embedding") - ref).max(); print(d); assert d <= 1e-3'
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const MEAN_RGB = [122.782, 117.001, 104.298];
const SIZE = 150;

function usage(msg) {
  if (msg) process.stderr.write(`faceapi-reference: ${msg}\n`);
  process.stderr.write('usage: node faceapi-reference.mjs FACEAPI_DIR OUTDIR NAME [--seed N]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const pos = [];
let seed = 12345;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seed') seed = Number(args[++i]) >>> 0;
  else if (args[i].startsWith('--seed=')) seed = Number(args[i].slice(7)) >>> 0;
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else pos.push(args[i]);
}
if (pos.length !== 3) usage();
const [faceapiDir, outDir, name] = pos;

// Resolve hook: an empty tfjs-backend-wasm, and @tensorflow/* from EKYC_NODE_MODULES.
const modulesDir = process.env.EKYC_NODE_MODULES ? path.resolve(process.env.EKYC_NODE_MODULES) : '';
const hooks = `
const modulesParent = ${JSON.stringify(modulesDir ? pathToFileURL(path.join(modulesDir, 'noop.js')).href : '')};
export async function resolve(specifier, context, next) {
  // The bundle is ESM in a package without "type": "module": Node 20 guesses that, Node 18
  // (Debian 12's) parses it as CommonJS unless told.
  if (specifier.endsWith('face-api.esm-nobundle.js'))
    return { ...(await next(specifier, context)), format: 'module' };
  if (specifier.startsWith('@tensorflow/tfjs-backend-wasm'))
    return { url: 'data:text/javascript,export%20%7B%7D', format: 'module', shortCircuit: true };
  // face-api names the packages' ESM sources (extensionless imports inside, which Node's ESM
  // loader rejects): take the packages' Node entry points (CommonJS) instead.
  if (specifier.startsWith('@tensorflow/')) {
    const suffix = '/dist/index.js';
    const pkg = specifier.endsWith(suffix) ? specifier.slice(0, -suffix.length) : specifier;
    return next(pkg, modulesParent ? { ...context, parentURL: modulesParent } : context);
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);

function writeF32(file, data) {
  const f = Float32Array.from(data);
  fs.writeFileSync(file, Buffer.from(f.buffer, f.byteOffset, f.byteLength));
}

async function main() {
  // TFJS and face-api chatter on stdout: keep it for our own lines.
  const toStderr = (...a) => process.stderr.write(`${a.join(' ')}\n`);
  console.log = toStderr;
  console.warn = toStderr;
  const bundle = path.resolve(faceapiDir, 'dist', 'face-api.esm-nobundle.js');
  const faceapi = await import(pathToFileURL(bundle).href);
  const { tf } = faceapi;
  await tf.setBackend('cpu');
  await tf.ready();

  const modelDir = path.resolve(faceapiDir, 'model');
  const manifestPath = path.join(modelDir, 'face_recognition_model-weights_manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const specs = [];
  const shards = [];
  for (const group of manifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(modelDir, p)));
  }
  const all = Buffer.concat(shards);
  const weightMap = tf.io.decodeWeights(
    all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), specs);
  const net = new faceapi.FaceRecognitionNet();
  net.loadFromWeightMap(weightMap);

  const pixels = new Float32Array(SIZE * SIZE * 3);
  let state = seed >>> 0;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    pixels[i] = Math.floor((256 * state) / 4294967296);
  }
  const normalised = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const centred = Math.fround(pixels[i] - Math.fround(MEAN_RGB[i % 3]));
    normalised[i] = Math.fround(centred / 255);
  }

  const image = tf.tensor3d(pixels, [SIZE, SIZE, 3], 'float32');
  const embedding = await net.computeFaceDescriptor(image);
  if (!(embedding instanceof Float32Array) || embedding.length !== 128) {
    throw new Error('computeFaceDescriptor did not return 128 floats');
  }

  fs.mkdirSync(outDir, { recursive: true });
  const inFile = `${name}.input.f32`;
  const outFile = `${name}.out0.f32`;
  writeF32(path.join(outDir, inFile), normalised);
  writeF32(path.join(outDir, outFile), embedding);
  const meta = {
    model: manifestPath,
    name,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    input: { shape: [1, SIZE, SIZE, 3], layout: 'NHWC', seed, file: inFile,
             normalisation: '(pixel - [122.782, 117.001, 104.298]) / 255' },
    outputs: [{ index: 0, name: 'embedding', shape: [1, 128], file: outFile }],
  };
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  process.stdout.write('output[0]: embedding [1, 128]\n');
  tf.dispose([image, ...Object.values(weightMap)]);
}

main().catch((e) => {
  process.stderr.write(`faceapi-reference: error: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
