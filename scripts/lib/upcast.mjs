// Upcasts an fp16 ONNX model to fp32: initialisers, constants, Cast targets and declared types (subgraphs too).
import onnxProto from 'onnx-proto';
import { convertHalfBytesToFloatBytes, convertHalfInt32DataToFloatBytes } from './half.mjs';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
const EXTERNAL = onnx.TensorProto.DataLocation.EXTERNAL;

/** Ops whose `dtype` attribute names the type of the tensor they create. */
const opsWithDtype = new Set(['EyeLike', 'RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Bernoulli']);

function toNumber(value) {
  return typeof value === 'number' ? value : Number(value?.toString() ?? 0);
}

function isDefaultDomain(domain) {
  return !domain || domain === 'ai.onnx';
}

/**
 * Decodes an ONNX model, rewrites every float16 use to float32, and encodes it again.
 * @param {Uint8Array} modelBytes
 * @returns {{ bytes: Uint8Array, counts: { tensors: number, casts: number, types: number, dtypes: number, graphs: number } }}
 */
export function upcastModelToFloat32(modelBytes) {
  const model = onnx.ModelProto.decode(modelBytes);
  const counts = { tensors: 0, casts: 0, types: 0, dtypes: 0, graphs: 0 };

  const upcastTensor = (tensor) => {
    if (!tensor || tensor.dataType !== FLOAT16) return;
    if (tensor.dataLocation === EXTERNAL) {
      throw new Error(`Tensor "${tensor.name}" keeps its data in an external file, which this upcast does not handle.`);
    }
    if (tensor.rawData && tensor.rawData.length > 0) {
      tensor.rawData = convertHalfBytesToFloatBytes(tensor.rawData);
    } else if (tensor.int32Data && tensor.int32Data.length > 0) {
      tensor.rawData = convertHalfInt32DataToFloatBytes(tensor.int32Data);
      tensor.int32Data = [];
    }
    tensor.dataType = FLOAT;
    counts.tensors++;
  };

  const upcastType = (type) => {
    if (!type) return;
    for (const holder of [type.tensorType, type.sparseTensorType]) {
      if (holder && holder.elemType === FLOAT16) {
        holder.elemType = FLOAT;
        counts.types++;
      }
    }
    upcastType(type.sequenceType?.elemType);
    upcastType(type.optionalType?.elemType);
    upcastType(type.mapType?.valueType);
  };

  const upcastNodes = (nodes) => {
    for (const node of nodes) {
      for (const attribute of node.attribute) {
        const isCastTarget = node.opType === 'Cast' && attribute.name === 'to';
        const isDtype = opsWithDtype.has(node.opType) && attribute.name === 'dtype';
        if ((isCastTarget || isDtype) && isDefaultDomain(node.domain) && toNumber(attribute.i) === FLOAT16) {
          attribute.i = FLOAT;
          if (isCastTarget) counts.casts++;
          else counts.dtypes++;
        }
        upcastTensor(attribute.t);
        attribute.tensors?.forEach(upcastTensor);
        upcastTensor(attribute.sparseTensor?.values);
        attribute.sparseTensors?.forEach((sparse) => upcastTensor(sparse.values));
        upcastType(attribute.tp);
        attribute.typeProtos?.forEach(upcastType);
        if (attribute.g) upcastGraph(attribute.g);
        attribute.graphs?.forEach(upcastGraph);
      }
    }
  };

  const upcastGraph = (graph) => {
    counts.graphs++;
    graph.initializer.forEach(upcastTensor);
    graph.sparseInitializer?.forEach((sparse) => upcastTensor(sparse.values));
    for (const info of [...graph.input, ...graph.output, ...graph.valueInfo]) upcastType(info.type);
    upcastNodes(graph.node);
  };

  upcastGraph(model.graph);
  model.functions?.forEach((fn) => upcastNodes(fn.node));
  return { bytes: onnx.ModelProto.encode(model).finish(), counts };
}

/**
 * Lists every place a decoded model still uses float16 (empty after a complete upcast).
 * @param {Uint8Array} modelBytes
 * @returns {string[]}
 */
export function findFloat16Uses(modelBytes) {
  const model = onnx.ModelProto.decode(modelBytes);
  const found = [];
  const visitType = (type, where) => {
    if (!type) return;
    if (type.tensorType?.elemType === FLOAT16 || type.sparseTensorType?.elemType === FLOAT16) found.push(where);
    visitType(type.sequenceType?.elemType, where);
    visitType(type.optionalType?.elemType, where);
    visitType(type.mapType?.valueType, where);
  };
  const visitTensor = (tensor, where) => {
    if (tensor?.dataType === FLOAT16) found.push(where);
  };
  const visitNodes = (nodes) => {
    for (const node of nodes) {
      for (const attribute of node.attribute) {
        const where = `node ${node.name} attribute ${attribute.name}`;
        if ((node.opType === 'Cast' && attribute.name === 'to') || (opsWithDtype.has(node.opType) && attribute.name === 'dtype')) {
          if (toNumber(attribute.i) === FLOAT16) found.push(where);
        }
        visitTensor(attribute.t, where);
        attribute.tensors?.forEach((tensor) => visitTensor(tensor, where));
        visitTensor(attribute.sparseTensor?.values, where);
        attribute.sparseTensors?.forEach((sparse) => visitTensor(sparse.values, where));
        visitType(attribute.tp, where);
        attribute.typeProtos?.forEach((type) => visitType(type, where));
        if (attribute.g) visitGraph(attribute.g);
        attribute.graphs?.forEach(visitGraph);
      }
    }
  };
  const visitGraph = (graph) => {
    graph.initializer.forEach((tensor) => visitTensor(tensor, `initializer ${tensor.name}`));
    graph.sparseInitializer?.forEach((sparse) => visitTensor(sparse.values, `sparse initializer ${sparse.values?.name}`));
    for (const info of [...graph.input, ...graph.output, ...graph.valueInfo]) visitType(info.type, `value ${info.name}`);
    visitNodes(graph.node);
  };
  visitGraph(model.graph);
  model.functions?.forEach((fn) => visitNodes(fn.node));
  return found;
}
