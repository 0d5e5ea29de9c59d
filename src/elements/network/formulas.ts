/** Fixed formulas <gd-network> shows; typeset to MathML at build time (`npm run typeset`). */

/** The training cost: the mean of the per-example loss over the m training points. */
export const COST = String.raw`J(W) = \frac{1}{m}\sum_{i=1}^{m}\mathcal{L}\left(\hat{y}^{(i)}, y^{(i)}\right)`;

/** The cost of one mini-batch B of size m_b, whose gradient drives each update. */
export const BATCH_COST = String.raw`J_{B}(W) = \frac{1}{m_{b}}\sum_{i \in B}\mathcal{L}\left(\hat{y}^{(i)}, y^{(i)}\right)`;

/** The per-example loss: binary cross-entropy. */
export const LOSS = String.raw`\mathcal{L}(\hat{y}, y) = -y\log\hat{y} - (1 - y)\log\left(1 - \hat{y}\right)`;

/** The model: hidden layers with activation g (a⁽⁰⁾ = x), a sigmoid output. */
export const HIDDEN_LAYER = String.raw`a^{[\ell]} = g\left(a^{[\ell-1]}W^{[\ell]} + b^{[\ell]}\right)`;
export const OUTPUT_LAYER = String.raw`\hat{y} = \sigma\left(a^{[L-1]}W^{[L]} + b^{[L]}\right)`;

/** Logistic regression (`layers="0"`): no hidden layer. */
export const LOGISTIC = String.raw`\hat{y} = \sigma\left(x\,W + b\right)`;

/** The activations, as `activation` names them. */
export const ACTIVATION_TEX = {
  tanh: String.raw`g(z) = \tanh z`,
  relu: String.raw`g(z) = \max(0, z)`,
  sigmoid: String.raw`g(z) = \sigma(z) = \frac{1}{1 + e^{-z}}`,
  linear: String.raw`g(z) = z`,
} as const;

/** The 2-D slice of the loss landscape, and the 1-D one from the initial weights. */
export const SLICE_TEX = String.raw`J\left(\theta + \alpha\,d_1 + \beta\,d_2\right)`;
export const LINE_TEX = String.raw`J\left((1 - \tau)\,\theta_0 + \tau\,\theta\right)`;
