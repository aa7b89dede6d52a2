module.exports = {
  displayName: 'nlp',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/nlp',
};
