// A small training-style job: fits y = 3x - 2 with gradient descent over a
// synthetic data set. Run it under chkpt:
//   chkpt run examples/train.ts --epochs 30
interface Model {
  weights: Float64Array;
  bias: number;
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const epochs = argument('epochs', 10);
const samples = 200_000;
const xs = new Float64Array(samples);
const ys = new Float64Array(samples);
for (let i = 0; i < samples; i++) {
  xs[i] = (i / samples) * 4 - 2;
  ys[i] = 3 * xs[i]! - 2 + Math.sin(i) * 0.1;
}

const model: Model = { weights: new Float64Array([0]), bias: 0 };
const losses: number[] = [];

function trainEpoch(m: Model, rate: number): number {
  let loss = 0;
  let gradW = 0;
  let gradB = 0;
  for (let i = 0; i < samples; i++) {
    const error = m.weights[0]! * xs[i]! + m.bias - ys[i]!;
    loss += error * error;
    gradW += error * xs[i]!;
    gradB += error;
  }
  m.weights[0]! -= (rate * gradW) / samples;
  m.bias -= (rate * gradB) / samples;
  return loss / samples;
}

for (let epoch = 1; epoch <= epochs; epoch++) {
  const loss = trainEpoch(model, 0.5);
  losses.push(loss);
  console.log(`epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(6)}`);
}
console.log(`w = ${model.weights[0]!.toFixed(4)}, b = ${model.bias.toFixed(4)}`);
