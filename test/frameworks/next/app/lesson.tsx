'use client';
// What a Next.js author writes: the gd-kit/react components, camelCase properties and
// onGd… events, prerendered on the server and hydrated in the browser.
import { useEffect, useRef, useState, type ComponentRef } from 'react';
import { GdCurvature, GdOptimizer, GdOptimizerRace, GdSweep } from 'gd-kit/react';

export function Lesson() {
  const [steps, setSteps] = useState<number[]>([]);
  const [done, setDone] = useState('');
  const [raceSteps, setRaceSteps] = useState(0);
  const [sweepIteration, setSweepIteration] = useState(0);
  const [refTag, setRefTag] = useState('');
  const curvature = useRef<ComponentRef<typeof GdCurvature>>(null);
  // The ref is the element itself (its methods once the tag is defined).
  useEffect(() => {
    void customElements
      .whenDefined('gd-curvature')
      .then(() => setRefTag(`${curvature.current?.localName} ${typeof curvature.current?.step}`));
  }, []);
  return (
    <>
      <GdCurvature
        ref={curvature}
        curvature={1}
        learningRate={2.5}
        init={1}
        className="figure"
        onGdStep={(event) => setSteps((all) => [...all, event.detail.iteration])}
        onGdDone={(event) => setDone(event.detail.reason)}
      />
      <GdOptimizerRace landscape="himmelblau" start="0,0" onGdStep={(event) => setRaceSteps(event.detail.iteration)}>
        <GdOptimizer type="sgd" learningRate={0.01} label="Plain GD" />
        <GdOptimizer type="adam" learningRate={0.05} beta1={0.8} />
      </GdOptimizerRace>
      <GdSweep landscape="bowl" cells={4} steps={10} onGdStep={(event) => setSweepIteration(event.detail.iteration)} />
      <p id="ref">{refTag}</p>
      <p id="curvature-steps">{steps.join(',')}</p>
      <p id="curvature-done">{done}</p>
      <p id="race-steps">{raceSteps}</p>
      <p id="sweep-iteration">{sweepIteration}</p>
    </>
  );
}
