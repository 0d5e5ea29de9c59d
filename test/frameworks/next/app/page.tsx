// A server component: prerendered at build time, hydrated in the browser.
import { Lesson } from './lesson';

export default function Page() {
  return (
    <main>
      <h1>gd-kit in Next.js</h1>
      <Lesson />
    </main>
  );
}
