// The kit's Vue typings, included once in the project.
import type {} from 'gd-kit/types/vue';
