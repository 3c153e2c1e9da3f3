#!/usr/bin/python3
"""faceapi2onnx.py - build ONNX from face-api's FaceRecognitionNet weights (dlib's ResNet).

Dependencies: only the Debian 12 packages python3-onnx and python3-numpy.  Run it
with the system interpreter:

    /usr/bin/python3 tools/faceapi2onnx.py face_recognition_model-weights_manifest.json OUT.onnx

face-api (@vladmandic/face-api) ships this network as bare TensorFlow.js
*weights* (a weights manifest and its .bin shard, mostly uint8-quantized), not as
a graph: the graph is JavaScript code (src/faceRecognitionNet/ in the package).
This script writes that graph down again, layer for layer:

    x                                        [1,3,150,150], already normalised (below)
    conv32_down   conv 7x7/2 valid, scale, relu          -> 32 x 72 x 72
    max pool 3x3/2 valid                                  -> 32 x 35 x 35
    conv32_1..3   residual                                -> 32 x 35 x 35
    conv64_down   residual down                           -> 64 x 17 x 17
    conv64_1..3   residual
    conv128_down  residual down                           -> 128 x 8 x 8
    conv128_1..2  residual
    conv256_down  residual down                           -> 256 x 4 x 4
    conv256_1..2  residual
    conv256_down_out residual down                        -> 256 x 2 x 2
    mean over H, W, then x @ fc                           -> 128

    conv layer     relu?(((conv(x, filters) + bias) * scale/weights) + scale/biases)
    residual       relu(convNoRelu(conv(x)) + x)           (3x3 convs, 'same')
    residual down  out = convNoRelu(convDown(x)) (first conv 3x3/2 'valid');
                   pooled = avgPool(x, 2x2/2 'valid'), zero channels appended when the
                   width doubles; when out is one pixel smaller than pooled, a zero row
                   (bottom) and column (right) are appended to out; relu(pooled + out)

Produced model: ONNX opset 11, IR version 7, for OpenCV 4.6 DNN.  Input "input",
float32 NCHW [1,3,150,150], RGB planes holding (pixel - [122.782, 117.001,
104.298]) / 255 as face-api feeds it (dlib itself divides by 256: the engine's
blob spec picks the divisor).  Output "embedding" [1,128], not normalised.  The
conv bias and the scale layer are folded into each Conv (W * s, bias * s + b);
the zero channels of a residual-down shortcut are a constant 1x1 Conv (identity
on the first channels), the zero row and column a Pad.  The result is checked
with onnx.checker and is deterministic.  Numerical check against face-api's own
JavaScript: tests/models/faceapi-reference.mjs.
"""

import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tfjs2onnx import OPSET, ConvertError, load_weights  # noqa: E402

INPUT_SIZE = 150
EMBEDDING_DIM = 128
# (channels, residual blocks after the stage's down block), as in face-api's FaceRecognitionNet.ts
STAGES = ((32, 3), (64, 3), (128, 2), (256, 2))


class Builder(object):
    def __init__(self, weights):
        self.w = weights
        self.nodes = []
        self.inits = []
        self.used = set(['input', 'embedding'])
        self.read = set()

    def weight(self, name):
        if name not in self.w:
            raise ConvertError('the manifest has no weight %s' % name)
        self.read.add(name)
        return np.asarray(self.w[name], np.float32)

    def init(self, arr, name):
        self.used.add(name)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def emit(self, op, inputs, name, **attrs):
        if name in self.used:
            raise ConvertError('internal: duplicate tensor name %s' % name)
        self.used.add(name)
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def conv_layer(self, x, prefix, stride, relu, same):
        """face-api's convLayer with the bias and scale layer folded into the Conv."""
        filters = self.weight(prefix + '/conv/filters')        # [kh, kw, in, out]
        bias = self.weight(prefix + '/conv/bias')
        s = self.weight(prefix + '/scale/weights')
        b = self.weight(prefix + '/scale/biases')
        k = filters.shape[0]
        w = np.transpose(filters, (3, 2, 0, 1)) * s[:, None, None, None]
        folded = (bias * s + b).astype(np.float32)
        p = (k - 1) // 2 if same else 0  # TF 'same' with stride 1 and an odd kernel
        y = self.emit('Conv', [x, self.init(w.astype(np.float32), prefix + '/W'),
                               self.init(folded, prefix + '/B')],
                      prefix + ('/conv' if relu else ''), kernel_shape=[k, k],
                      strides=[stride, stride], pads=[p, p, p, p])
        return self.emit('Relu', [y], prefix) if relu else y

    def residual(self, x, prefix):
        out = self.conv_layer(x, prefix + '/conv1', 1, True, True)
        out = self.conv_layer(out, prefix + '/conv2', 1, False, True)
        out = self.emit('Add', [out, x], prefix + '/add')
        return self.emit('Relu', [out], prefix)

    def residual_down(self, x, prefix, in_ch, in_hw):
        out = self.conv_layer(x, prefix + '/conv1', 2, True, False)
        out = self.conv_layer(out, prefix + '/conv2', 1, False, True)
        out_ch = self.weight(prefix + '/conv2/conv/filters').shape[3]
        out_hw = (in_hw - 3) // 2 + 1
        pooled_hw = in_hw // 2
        pooled = self.emit('AveragePool', [x], prefix + '/pool', kernel_shape=[2, 2],
                           strides=[2, 2])
        if out_ch != in_ch:
            # tf.concat([pooled, zeros], 3): an identity 1x1 conv onto the wider channel count
            eye = np.zeros((out_ch, in_ch, 1, 1), np.float32)
            eye[np.arange(in_ch), np.arange(in_ch), 0, 0] = 1
            pooled = self.emit('Conv', [pooled, self.init(eye, prefix + '/pad_channels_W')],
                               prefix + '/pool_padded', kernel_shape=[1, 1])
        if out_hw != pooled_hw:
            if pooled_hw - out_hw != 1:
                raise ConvertError('%s: unexpected sizes %d and %d' % (prefix, out_hw, pooled_hw))
            pads = self.init(np.array([0, 0, 0, 0, 0, 0, 1, 1], np.int64), prefix + '/pads')
            zero = self.init(np.array(0, np.float32), prefix + '/pad_value')
            out = self.emit('Pad', [out, pads, zero], prefix + '/out_padded', mode='constant')
        out = self.emit('Add', [pooled, out], prefix + '/add')
        return self.emit('Relu', [out], prefix), out_ch, pooled_hw

    def build(self):
        x = self.conv_layer('input', 'conv32_down', 2, True, False)
        x = self.emit('MaxPool', [x], 'max_pool', kernel_shape=[3, 3], strides=[2, 2])
        ch, hw = 32, ((INPUT_SIZE - 7) // 2 + 1 - 3) // 2 + 1
        for width, blocks in STAGES:
            if width != 32:
                x, ch, hw = self.residual_down(x, 'conv%d_down' % width, ch, hw)
            for i in range(1, blocks + 1):
                x = self.residual(x, 'conv%d_%d' % (width, i))
        x, ch, hw = self.residual_down(x, 'conv256_down_out', ch, hw)
        x = self.emit('GlobalAveragePool', [x], 'global_avg')
        x = self.emit('Flatten', [x], 'global_avg/flat', axis=1)
        fc = self.weight('fc')                                    # [256, 128]
        if fc.shape != (ch, EMBEDDING_DIM):
            raise ConvertError('fc has shape %s, expected [%d, %d]' % (fc.shape, ch, EMBEDDING_DIM))
        # Gemm with transB=1 (OpenCV 4.6 wants B as [out, in]) and no bias
        self.nodes.append(helper.make_node('Gemm', [x, self.init(np.ascontiguousarray(fc.T), 'fc')],
                                           ['embedding'], name='embedding', transB=1))
        unused = sorted(set(self.w) - self.read)
        if unused:
            raise ConvertError('weights not used by the known architecture: %s' % ', '.join(unused))
        graph = helper.make_graph(
            self.nodes, 'faceapi_face_recognition_net',
            [helper.make_tensor_value_info('input', TensorProto.FLOAT, [1, 3, INPUT_SIZE, INPUT_SIZE])],
            [helper.make_tensor_value_info('embedding', TensorProto.FLOAT, [1, EMBEDDING_DIM])],
            self.inits)
        model = helper.make_model(graph, producer_name='faceapi2onnx.py', producer_version='1.0',
                                  opset_imports=[helper.make_opsetid('', OPSET)])
        model.ir_version = 7
        return model


def main(argv=None):
    ap = argparse.ArgumentParser(description='Build ONNX (opset %d) from face-api FaceRecognitionNet weights.' % OPSET)
    ap.add_argument('manifest', help='face_recognition_model-weights_manifest.json')
    ap.add_argument('out', help='output .onnx file')
    args = ap.parse_args(argv)
    try:
        with open(args.manifest, 'r') as f:
            manifest = json.load(f)
        weights = load_weights(args.manifest, {'weightsManifest': manifest})
        model = Builder(weights).build()
    except ConvertError as e:
        sys.stderr.write('faceapi2onnx: error: %s: %s\n' % (args.manifest, e))
        return 1
    except (OSError, ValueError, KeyError) as e:
        sys.stderr.write('faceapi2onnx: error: %s: cannot read weights: %s\n' % (args.manifest, e))
        return 1
    try:
        onnx.checker.check_model(model)
    except Exception as e:  # onnx.checker.ValidationError and friends
        sys.stderr.write('faceapi2onnx: error: onnx.checker rejected the model: %s\n' % e)
        return 1
    data = model.SerializeToString()
    with open(args.out, 'wb') as f:
        f.write(data)
    print('%s -> %s (%d nodes, %d bytes, opset %d): input [1,3,%d,%d] -> embedding [1,%d]' % (
        args.manifest, args.out, len(model.graph.node), len(data), OPSET, INPUT_SIZE, INPUT_SIZE,
        EMBEDDING_DIM))
    return 0


if __name__ == '__main__':
    sys.exit(main())
