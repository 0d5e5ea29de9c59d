import '../src/index.js';

const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
themeSelect.addEventListener('change', () => {
  document.documentElement.style.colorScheme = themeSelect.value === 'auto' ? '' : themeSelect.value;
  document.body.dataset.theme = themeSelect.value;
  for (const element of document.querySelectorAll('gd-line-fit, gd-curvature, gd-optimizer-race, gd-sweep')) {
    element.setAttribute('theme', themeSelect.value);
  }
});
