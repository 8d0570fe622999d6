// A small training job: a two-layer neural network (16 inputs, 64 tanh units,
// one output) learns a noisy nonlinear function by minibatch gradient
// descent. Deterministic: the same arguments give the same weights, bit for
// bit. Run it under chkpt:
//   chkpt run examples/train.ts --epochs 30
//   chkpt run examples/train.ts --epochs 30 --crash-at 12   # crashes in epoch 12
//   chkpt resume train.ts@crash -- --epochs 30                # goes on from epoch 12
// Plain `node --import tsx examples/train.ts` runs it the same way: without
// `chkpt resume`, chkpt.restore() returns what its initializer makes.
import { chkpt } from 'chkpt';

/** A fully connected layer: `outputs x inputs` weights and a bias per output. */
class Dense {
  readonly weights: Float64Array;
  readonly bias: Float64Array;

  constructor(readonly inputs: number, readonly outputs: number, random: () => number) {
    this.weights = new Float64Array(inputs * outputs);
    this.bias = new Float64Array(outputs);
    const scale = Math.sqrt(2 / (inputs + outputs));
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = (random() * 2 - 1) * scale;
  }
}

/** The network, its optimizer settings and what it has learned so far. */
class Model {
  readonly hidden: Dense;
  readonly output: Dense;
  epoch = 0;

  constructor(features: number, units: number, readonly learningRate: number, random: () => number) {
    this.hidden = new Dense(features, units, random);
    this.output = new Dense(units, 1, random);
  }
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A seeded pseudo-random generator (mulberry32): the same numbers every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const config = {
  epochs: option('epochs', 10),
  crashAt: option('crash-at', 0),
  features: 16,
  units: 64,
  samples: 4096,
  batch: 64,
  learningRate: 0.05,
};

// The data set: y = sum of sin(3 x_i) / 4 over the inputs, plus a little noise.
const random = seeded(42);
const inputs = new Float64Array(config.samples * config.features);
const targets = new Float64Array(config.samples);
for (let s = 0; s < config.samples; s++) {
  let y = 0;
  for (let f = 0; f < config.features; f++) {
    const x = random() * 2 - 1;
    inputs[s * config.features + f] = x;
    y += Math.sin(3 * x) / 4;
  }
  targets[s] = y + (random() - 0.5) * 0.05;
}

// Resumed from a checkpoint, the model (an instance of the class above) and
// the loss history are the checkpoint's; else new ones.
const model = chkpt.restore('model', () => new Model(config.features, config.units, config.learningRate, random));
const losses = chkpt.restore('losses', (): number[] => []);
if (chkpt.restoring) console.log(`resuming from ${chkpt.resumingFrom} after epoch ${model.epoch}`);

/** One pass over the data in minibatches; returns the mean squared error. */
function trainEpoch(m: Model): number {
  const { hidden, output } = m;
  const activation = new Float64Array(hidden.outputs);
  const gradHidden = new Float64Array(hidden.weights.length);
  const gradHiddenBias = new Float64Array(hidden.outputs);
  const gradOutput = new Float64Array(output.weights.length);
  let gradOutputBias = 0;
  let total = 0;
  for (let start = 0; start < config.samples; start += config.batch) {
    gradHidden.fill(0);
    gradHiddenBias.fill(0);
    gradOutput.fill(0);
    gradOutputBias = 0;
    for (let s = start; s < start + config.batch; s++) {
      const x = s * config.features;
      let prediction = output.bias[0]!;
      for (let u = 0; u < hidden.outputs; u++) {
        let sum = hidden.bias[u]!;
        for (let f = 0; f < hidden.inputs; f++) sum += hidden.weights[u * hidden.inputs + f]! * inputs[x + f]!;
        activation[u] = Math.tanh(sum);
        prediction += output.weights[u]! * activation[u]!;
      }
      const error = prediction - targets[s]!;
      total += error * error;
      gradOutputBias += error;
      for (let u = 0; u < hidden.outputs; u++) {
        gradOutput[u]! += error * activation[u]!;
        const back = error * output.weights[u]! * (1 - activation[u]! * activation[u]!);
        gradHiddenBias[u]! += back;
        for (let f = 0; f < hidden.inputs; f++) gradHidden[u * hidden.inputs + f]! += back * inputs[x + f]!;
      }
    }
    const step = m.learningRate / config.batch;
    for (let i = 0; i < hidden.weights.length; i++) hidden.weights[i]! -= step * gradHidden[i]!;
    for (let u = 0; u < hidden.outputs; u++) hidden.bias[u]! -= step * gradHiddenBias[u]!;
    for (let u = 0; u < output.weights.length; u++) output.weights[u]! -= step * gradOutput[u]!;
    output.bias[0]! -= step * gradOutputBias;
  }
  return total / config.samples;
}

/** Stands in for the bug that strikes a long job at the worst moment (before the epoch touches the weights). */
function checkHealth(epoch: number): void {
  if (epoch === config.crashAt) {
    const lastLosses = losses.slice(-3);
    throw new Error(`loss diverging before epoch ${epoch} (${lastLosses.map((l) => l.toFixed(6)).join(', ')}); simulated by --crash-at`);
  }
}

for (let epoch = model.epoch + 1; epoch <= config.epochs; epoch++) {
  checkHealth(epoch);
  const loss = trainEpoch(model);
  losses.push(loss);
  model.epoch = epoch;
  console.log(`epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(6)}`);
}
console.log(`done: ${losses.length} epochs, final loss ${losses.at(-1)?.toFixed(6)}`);
