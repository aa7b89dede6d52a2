module.exports = {
  displayName: 'lda',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/lda',
};
