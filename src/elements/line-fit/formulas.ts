/** Fixed formulas <gd-line-fit> shows; typeset to MathML at build time (`npm run typeset`). */

/** The model being trained. */
export const MODEL = String.raw`\hat{y} = w\,x + b`;

/** The training cost: mean squared error over the m training points. */
export const COST = String.raw`J(w, b) = \frac{1}{m}\sum_{i=1}^{m}\left(w\,x^{(i)} + b - y^{(i)}\right)^{2}`;

/** The cost of one mini-batch B of size m_b, whose gradient drives each update. */
export const BATCH_COST = String.raw`J_{B}(w, b) = \frac{1}{m_{b}}\sum_{i \in B}\left(w\,x^{(i)} + b - y^{(i)}\right)^{2}`;
