// Small builders for ONNX protobuf parts (float tensors, float value infos, attributes), shared by the models we write.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A float32 initialiser holding `values` (a Float32Array) as raw little-endian bytes. */
export function createFloatTensor(name, dims, values) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  });
}

/** A float32 graph input or output; each dim is a size (number) or a symbolic name (string). */
export function createFloatValueInfo(name, dims) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
      },
    },
  });
}

export function createIntsAttribute(name, ints) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
}

export function createIntAttribute(name, value) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
}

export function createStringAttribute(name, value) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) });
}

/** A whole model (ONNX IR 8, opset 17) around `graph`, encoded. */
export function encodeModel(graph, docString) {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'lustre assemble-models',
    producerVersion: '1',
    modelVersion: 1,
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
